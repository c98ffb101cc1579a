package dev.pipedeck.cloud;

/** {@code result} values a real ClickHouse Cloud would answer, to serve from the local test server. */
final class CannedResults {

    static final String ORG = "2f3b1c7e-8a4d-4c55-9a1e-0b6f3d2c1a90";
    static final String SERVICE = "4d8e2f1a-6b3c-4f7d-8e9a-1c2b3d4e5f60";
    static final String PIPE = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
    static final String ENDPOINT = "7b2e4d43-5f0f-4e39-9d6a-1c1f1c0a9e11";
    static final String REQUEST_ID = "0f5a1d6e-3c2b-4a19-8d7e-6f5a4b3c2d1e";

    static final String KAFKA_PIPE = """
            {
              "id": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
              "serviceId": "4d8e2f1a-6b3c-4f7d-8e9a-1c2b3d4e5f60",
              "name": "My Kafka ClickPipe",
              "state": "Running",
              "scaling": { "replicas": 1, "replicaCpuMillicores": 125, "replicaMemoryGb": 0.5 },
              "source": {
                "kafka": {
                  "type": "confluent",
                  "format": "JSONEachRow",
                  "brokers": "broker.example.com:9092",
                  "topics": "my_topic",
                  "consumerGroup": "clickpipes-consumer-group",
                  "authentication": "PLAIN",
                  "offset": { "strategy": "from_latest", "timestamp": null },
                  "schemaRegistry": null,
                  "reversePrivateEndpointIds": []
                }
              },
              "destination": {
                "database": "default",
                "table": "my_table",
                "managedTable": true,
                "tableDefinition": { "engine": { "type": "MergeTree" }, "sortingKey": ["id"] },
                "columns": [
                  { "name": "id", "type": "UInt64" },
                  { "name": "message", "type": "String" },
                  { "name": "timestamp", "type": "DateTime" }
                ]
              },
              "fieldMappings": [
                { "sourceField": "id", "destinationField": "id" },
                { "sourceField": "message", "destinationField": "message" },
                { "sourceField": "timestamp", "destinationField": "timestamp" }
              ],
              "settings": { "streaming_max_insert_wait_ms": 5000 },
              "createdAt": "2025-06-01T10:15:30Z",
              "updatedAt": "2025-06-02T08:00:00Z",
              "aFieldThisClientDoesNotKnow": { "nested": true }
            }""";

    static final String POSTGRES_PIPE = """
            {
              "id": "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
              "serviceId": "4d8e2f1a-6b3c-4f7d-8e9a-1c2b3d4e5f60",
              "name": "My Postgres CDC ClickPipe",
              "state": "Snapshot",
              "source": {
                "postgres": {
                  "host": "postgres.example.com",
                  "port": 5432,
                  "database": "mydb",
                  "authentication": "basic",
                  "settings": { "replicationMode": "cdc", "syncIntervalSeconds": 60, "pullBatchSize": 100000 },
                  "tableMappings": [
                    { "sourceSchemaName": "public", "sourceTable": "users", "targetTable": "public_users",
                      "tableEngine": "ReplacingMergeTree" }
                  ]
                }
              },
              "destination": { "database": "default" },
              "createdAt": "2025-06-01T10:15:30Z",
              "updatedAt": "2025-06-01T10:15:30Z"
            }""";

    static final String SETTINGS = """
            { "streaming_max_insert_wait_ms": 5000, "clickhouse_max_threads": 8,
              "object_storage_use_cluster_function": null }""";

    static final String CDC_SCALING = """
            { "replicaCpuMillicores": 2000, "replicaMemoryGb": 8 }""";

    static final String SCHEMA_DISCOVERY = """
            {
              "fields": [
                { "name": "id", "type": "UInt64", "optional": false },
                { "name": "message", "type": "Nullable(String)", "optional": true }
              ],
              "meta": { "sampledMessages": "100" }
            }""";

    static final String ENDPOINT_READY = """
            {
              "id": "7b2e4d43-5f0f-4e39-9d6a-1c1f1c0a9e11",
              "serviceId": "4d8e2f1a-6b3c-4f7d-8e9a-1c2b3d4e5f60",
              "description": "kafka in prod VPC",
              "type": "VPC_ENDPOINT_SERVICE",
              "vpcEndpointServiceName": "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
              "vpcResourceConfigurationId": null,
              "customPrivateDnsMappings": [ { "privateDnsName": "kafka.internal.example.com" } ],
              "endpointId": "vpce-0a1b2c3d4e5f6a7b8",
              "dnsNames": [ "vpce-0a1b2c3d4e5f6a7b8.vpce.amazonaws.com" ],
              "privateDnsNames": [ "kafka.internal.example.com" ],
              "status": "Ready"
            }""";

    static final String ORGANIZATION = """
            {
              "id": "2f3b1c7e-8a4d-4c55-9a1e-0b6f3d2c1a90",
              "name": "Acme Data",
              "createdAt": "2023-02-14T09:00:00Z",
              "privateEndpoints": [
                { "id": "vpce-1", "description": "office", "cloudProvider": "aws", "region": "us-east-1" }
              ],
              "byocConfig": [],
              "enableCoreDumps": false
            }""";

    static final String SERVICE_IDLE = """
            {
              "id": "4d8e2f1a-6b3c-4f7d-8e9a-1c2b3d4e5f60",
              "name": "production",
              "provider": "aws",
              "region": "us-east-1",
              "state": "idle",
              "clickhouseVersion": "25.4.1.1",
              "endpoints": [ { "protocol": "https", "host": "abc123.us-east-1.aws.clickhouse.cloud", "port": 8443,
                               "username": null } ],
              "minReplicaMemoryGb": 8,
              "maxReplicaMemoryGb": 32,
              "numReplicas": 3,
              "autoscalingMode": "vertical",
              "idleScaling": true,
              "idleTimeoutMinutes": 15,
              "ipAccessList": [ { "source": "0.0.0.0/0", "description": "anywhere" } ],
              "createdAt": "2024-01-10T12:00:00Z",
              "isPrimary": true,
              "isReadonly": false,
              "releaseChannel": "default",
              "tags": [ { "key": "env", "value": "prod" } ],
              "currentScaling": { "effectiveAutoscalingMode": "vertical" }
            }""";

    static final String SERVICE_STARTING = SERVICE_IDLE.replace("\"state\": \"idle\"", "\"state\": \"awaking\"");

    static final String API_KEY = """
            {
              "id": "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
              "name": "pipedeck",
              "state": "enabled",
              "roles": [ "admin" ],
              "assignedRoles": [ { "roleId": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "roleName": "Admin",
                                   "roleType": "system" } ],
              "keySuffix": "x9Qz",
              "createdAt": "2025-01-01T00:00:00Z",
              "expireAt": null,
              "usedAt": "2025-06-01T10:00:00Z",
              "ipAccessList": []
            }""";

    private CannedResults() {
    }
}
