// Alerts on Azure Functions Flex Consumption (FC1, Linux), runtime dotnet-isolated 10.0 (src/Alerts.Functions).
//
// One resource group holds: a user-assigned managed identity (the only credential the app uses), a storage account
// (host storage, the deployment package container, the app's queues and tables; shared keys off), Log Analytics +
// Application Insights (local auth off), a Key Vault holding the SendGrid API key, the Flex plan and the function app,
// and the role assignments that tie them together. No Service Bus namespace: the stages hand off over Storage queues.
//
// Shaped after the documented samples: Azure/azure-quickstart-templates
// quickstarts/microsoft.web/function-app-flex-managed-identities and Azure-Samples/azure-functions-flex-consumption-samples IaC/bicep.
//
// The names of queues, tables and app settings are the app's, not free choices: they must match
// src/Alerts.Functions/Extensions/QueueNames.cs, AppSettingNames.cs and src/Alerts.Storage/AlertStore.cs.
// tests/Alerts.Functions.Tests/Infra compiles this file with the real Bicep compiler and fails when they drift apart.

//********************************************
// Parameters
//********************************************

@description('Region for every resource. It must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@minLength(1)
param location string = resourceGroup().location

@description('Short lowercase prefix (letters and digits) for resource names; a hash of the resource group keeps names unique.')
@minLength(2)
@maxLength(10)
param namePrefix string = 'alerts'

@description('Tags applied to every resource.')
param tags object = {
  app: 'alerts'
}

@description('The maximum scale-out instance count of the Flex app.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('The memory size of each Flex instance.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('6-field NCRONTAB schedule (seconds first, UTC: Flex does not support WEBSITE_TIME_ZONE) of the PollSources timer: the shared tick on which each source is polled when its own schedule (Alerts:Sources) is due, so it must be at least as frequent as the most frequent source.')
param pollSchedule string = '0 * * * * *'

@description('6-field NCRONTAB schedule (seconds first, UTC) of the RetryDue timer.')
param retryDueSchedule string = '30 * * * * *'

@description('6-field NCRONTAB schedule (seconds first, UTC) of the PurgeExpired timer: history older than Alerts:Retention is deleted.')
param retentionSchedule string = '0 30 3 * * *'

@description('Sender of alert emails; SendGrid only accepts a verified sender identity.')
param emailFrom string = 'Alerts <alerts@example.com>'

@description('SendGrid API key, stored in Key Vault and referenced from the SendGridApiKey app setting. Never commit it: the parameters file reads it from the environment.')
@secure()
param sendGridApiKey string

@description('Key that wraps the Data Protection key ring (which encrypts channel secrets in the tables): base64 of 32 random bytes (openssl rand -base64 32), stored in Key Vault and referenced from the Alerts__DataProtection__KeyEncryptionKey app setting. Keep it: a new one cannot open keys wrapped under the old one unless the old one is listed in Alerts__DataProtection__PreviousKeyEncryptionKeys.')
@secure()
param keyRingKey string

@description('The management API\'s admin key (creates tenants: POST /api/v1/tenants), stored in Key Vault and referenced from the Alerts__Api__AdminKey app setting. A long random string (openssl rand -base64 32).')
@secure()
param apiAdminKey string

@description('Days a deleted Key Vault (and its secrets) can be recovered.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionDays int = 7

@description('Turn on Key Vault purge protection. It cannot be turned off again, and it blocks reusing the vault name for the retention period.')
param keyVaultPurgeProtection bool = false

//********************************************
// Variables
//********************************************

// The Storage queues between the stages and the poison queues the host moves failed messages to: QueueNames.All.
var queueNames = [
  'events'
  'deliveries'
  'prices'
  'events-poison'
  'deliveries-poison'
  'prices-poison'
]

// The app's tables: AlertStore.TableNames (Azure table names are alphanumeric, 3-63 characters, starting with a letter).
var tableNames = [
  'events'
  'companies'
  'rules'
  'watchlists'
  'channels'
  'subscriptions'
  'rulestate'
  'alerts'
  'deliveries'
  'attempts'
  'work'
  'held'
  'tenants'
  'apikeys'
  'aliases'
  'sources'
  'keyring'
]

var prefix = toLower(namePrefix)
var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, prefix))
var functionAppName = 'func-${prefix}-${resourceToken}'
var storageAccountName = take('st${replace(prefix, '-', '')}${resourceToken}', 24)
var keyVaultName = 'kv-${prefix}-${take(resourceToken, 8)}'
var deploymentStorageContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'
var sendGridSecretName = 'sendgrid-api-key'

// Built-in role definition ids.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

//********************************************
// Identity and monitoring
//********************************************

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${prefix}-${resourceToken}'
  location: location
  tags: tags
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${prefix}-${resourceToken}'
  location: location
  tags: tags
  properties: {
    retentionInDays: 30
    sku: {
      name: 'PerGB2018'
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${prefix}-${resourceToken}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
  }
}

//********************************************
// Storage: host storage, deployment package, the app's queues and tables
//********************************************

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
    publicNetworkAccess: 'Enabled'
  }

  resource blobServices 'blobServices' = {
    name: 'default'
    resource deploymentContainer 'containers' = {
      name: deploymentStorageContainerName
      properties: {
        publicAccess: 'None'
      }
    }
  }
}

resource tableServices 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// A loop cannot be a nested child resource, so the tables are declared at the top level with their parent.
resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for tableName in tableNames: {
  parent: tableServices
  name: tableName
}]

resource queueServices 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for queueName in queueNames: {
  parent: queueServices
  name: queueName
}]

//********************************************
// Key Vault: the SendGrid API key
//********************************************

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionDays
    // false is rejected by the API once set, so leave the property out unless it is being turned on.
    enablePurgeProtection: keyVaultPurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: sendGridSecretName
  properties: {
    value: sendGridApiKey
    contentType: 'text/plain'
  }
}

resource keyRingSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'alerts-keyring-key'
  properties: {
    value: keyRingKey
    contentType: 'application/octet-stream; base64'
  }
}

resource apiAdminKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'alerts-api-admin-key'
  properties: {
    value: apiAdminKey
    contentType: 'text/plain'
  }
}

//********************************************
// Role assignments for the user-assigned identity
//********************************************

// Deployment package container and host storage (timer leases and monitor state).
resource storageBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, storage.id, identity.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The queue triggers (read, delete, move to -poison), the app's sends, and creating a missing queue at start-up.
// Contributor includes everything Storage Queue Data Message Processor grants; nothing narrower covers the sends.
resource storageQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, storage.id, identity.id, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The app's tables (Alerts__Tables__Endpoint).
resource storageTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, storage.id, identity.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Telemetry with DisableLocalAuth (APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
resource monitoringMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, appInsights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The SendGridApiKey Key Vault reference.
resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, keyVault.id, identity.id, roles.keyVaultSecretsUser)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

//********************************************
// Flex Consumption plan and function app
//********************************************

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${prefix}-${resourceToken}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentStorageContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // No FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION or WEBSITE_RUN_FROM_PACKAGE: deprecated on Flex
  // (runtime and package live in functionAppConfig).
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // Host storage and the queue triggers (connection "AzureWebJobsStorage"), through the identity.
      AzureWebJobsStorage__accountName: storage.name
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.properties.clientId
      // Telemetry with Entra ID auth (local auth is off).
      APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
      // The store: Table Storage through the identity.
      Alerts__Tables__Endpoint: storage.properties.primaryEndpoints.table
      Alerts__Tables__ClientId: identity.properties.clientId
      // Email through SendGrid; the key is resolved from Key Vault with keyVaultReferenceIdentity.
      SendGridApiKey: '@Microsoft.KeyVault(SecretUri=${sendGridSecret.properties.secretUri})'
      // The key wrapping the Data Protection key ring (kept in the 'keyring' table) that encrypts channel secrets.
      Alerts__DataProtection__KeyEncryptionKey: '@Microsoft.KeyVault(SecretUri=${keyRingSecret.properties.secretUri})'
      // The management API's admin key (the API is served by the ManagementApi function under /api/v1).
      Alerts__Api__AdminKey: '@Microsoft.KeyVault(SecretUri=${apiAdminKeySecret.properties.secretUri})'
      Alerts__EmailFrom: emailFrom
      // Timer schedules (the triggers read %PollSchedule%, %RetryDueSchedule% and %RetentionSchedule%).
      PollSchedule: pollSchedule
      RetryDueSchedule: retryDueSchedule
      RetentionSchedule: retentionSchedule
    }
    dependsOn: [
      storageBlobDataOwner
      storageQueueDataContributor
      storageTableDataContributor
      monitoringMetricsPublisher
      keyVaultSecretsUser
    ]
  }
}

//********************************************
// Outputs
//********************************************

output functionAppName string = functionApp.name
output functionAppDefaultHostName string = functionApp.properties.defaultHostName
output storageAccountName string = storage.name
output tableEndpoint string = storage.properties.primaryEndpoints.table
output deploymentContainerName string = deploymentStorageContainerName
output keyVaultName string = keyVault.name
output identityClientId string = identity.properties.clientId
output applicationInsightsName string = appInsights.name
