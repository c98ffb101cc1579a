package dev.pipedeck.orgs;

/**
 * What an admin types to add or edit an organization connection. The key secret is write-only: it is never put
 * back into a rendered form; left blank on edit, the stored secret stays.
 */
public class ConnectionForm {

    private String displayName = "";
    private String organizationId = "";
    private String keyId = "";
    private String keySecret = "";
    private String baseUrl = dev.pipedeck.cloud.CloudConnection.DEFAULT_BASE_URL;
    private Integer budgetRequests = 10;
    private Integer budgetWindowSeconds = 10;
    private boolean saveUnverified;

    static ConnectionForm of(OrgConnection connection) {
        ConnectionForm form = new ConnectionForm();
        form.displayName = connection.getDisplayName();
        form.organizationId = connection.getOrganizationId();
        form.keyId = connection.getKeyId();
        form.baseUrl = connection.getBaseUrl();
        form.budgetRequests = connection.getBudgetRequests();
        form.budgetWindowSeconds = connection.getBudgetWindowSeconds();
        return form;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public void setOrganizationId(String organizationId) {
        this.organizationId = organizationId;
    }

    public String getKeyId() {
        return keyId;
    }

    public void setKeyId(String keyId) {
        this.keyId = keyId;
    }

    public String getKeySecret() {
        return keySecret;
    }

    public void setKeySecret(String keySecret) {
        this.keySecret = keySecret;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Integer getBudgetRequests() {
        return budgetRequests;
    }

    public void setBudgetRequests(Integer budgetRequests) {
        this.budgetRequests = budgetRequests;
    }

    public Integer getBudgetWindowSeconds() {
        return budgetWindowSeconds;
    }

    public void setBudgetWindowSeconds(Integer budgetWindowSeconds) {
        this.budgetWindowSeconds = budgetWindowSeconds;
    }

    public boolean isSaveUnverified() {
        return saveUnverified;
    }

    public void setSaveUnverified(boolean saveUnverified) {
        this.saveUnverified = saveUnverified;
    }
}
