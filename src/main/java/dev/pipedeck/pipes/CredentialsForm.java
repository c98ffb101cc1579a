package dev.pipedeck.pipes;

/**
 * New credentials for a pipe's source. Which fields apply depends on the source and its authentication method (see
 * {@link SourceCredentials}). Secrets (password, secret key, connection string, private key, service account key)
 * are write-only: never rendered back into a page; left blank, nothing is sent.
 */
public class CredentialsForm extends SeenPipeForm {

    private String username = "";
    private String password = "";
    private String accessKeyId = "";
    private String secretKey = "";
    private String connectionString = "";
    private String certificate = "";
    private String privateKey = "";
    private String serviceAccountKey = "";

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getAccessKeyId() {
        return accessKeyId;
    }

    public void setAccessKeyId(String accessKeyId) {
        this.accessKeyId = accessKeyId;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public String getConnectionString() {
        return connectionString;
    }

    public void setConnectionString(String connectionString) {
        this.connectionString = connectionString;
    }

    public String getCertificate() {
        return certificate;
    }

    public void setCertificate(String certificate) {
        this.certificate = certificate;
    }

    public String getPrivateKey() {
        return privateKey;
    }

    public void setPrivateKey(String privateKey) {
        this.privateKey = privateKey;
    }

    public String getServiceAccountKey() {
        return serviceAccountKey;
    }

    public void setServiceAccountKey(String serviceAccountKey) {
        this.serviceAccountKey = serviceAccountKey;
    }

    /** Forgets every secret typed, so a form rendered again never carries one. */
    void forgetSecrets() {
        password = "";
        secretKey = "";
        connectionString = "";
        privateKey = "";
        serviceAccountKey = "";
    }
}
