package dev.pipedeck.pipes;

/**
 * What an operator types to create a reverse private endpoint. Field names are the spec's
 * ({@code CreateReversePrivateEndpoint}); only the fields of the chosen type are sent. Custom private DNS names come
 * as rows ({@code privateDnsNames[0]}, {@code privateDnsNames[1]}, …); blank rows are ignored.
 */
public class NewEndpointForm extends DnsNameRows {

    private String description = "";
    private String type = "";
    private String vpcEndpointServiceName = "";
    private String vpcResourceConfigurationId = "";
    private String vpcResourceShareArn = "";
    private String mskClusterArn = "";
    private String mskAuthentication = "";
    private String gcpServiceAttachment = "";

    /** An empty form with blank DNS rows to type into. */
    public static NewEndpointForm blank() {
        return new NewEndpointForm().withBlankRows();
    }

    /** Adds blank DNS rows so there is room to type (pages work without scripts, so rows cannot be added live). */
    public NewEndpointForm withBlankRows() {
        addBlankRows();
        return this;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getVpcEndpointServiceName() {
        return vpcEndpointServiceName;
    }

    public void setVpcEndpointServiceName(String vpcEndpointServiceName) {
        this.vpcEndpointServiceName = vpcEndpointServiceName;
    }

    public String getVpcResourceConfigurationId() {
        return vpcResourceConfigurationId;
    }

    public void setVpcResourceConfigurationId(String vpcResourceConfigurationId) {
        this.vpcResourceConfigurationId = vpcResourceConfigurationId;
    }

    public String getVpcResourceShareArn() {
        return vpcResourceShareArn;
    }

    public void setVpcResourceShareArn(String vpcResourceShareArn) {
        this.vpcResourceShareArn = vpcResourceShareArn;
    }

    public String getMskClusterArn() {
        return mskClusterArn;
    }

    public void setMskClusterArn(String mskClusterArn) {
        this.mskClusterArn = mskClusterArn;
    }

    public String getMskAuthentication() {
        return mskAuthentication;
    }

    public void setMskAuthentication(String mskAuthentication) {
        this.mskAuthentication = mskAuthentication;
    }

    public String getGcpServiceAttachment() {
        return gcpServiceAttachment;
    }

    public void setGcpServiceAttachment(String gcpServiceAttachment) {
        this.gcpServiceAttachment = gcpServiceAttachment;
    }
}
