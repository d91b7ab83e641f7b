using 'main.bicep'

// East Asia: close to the exchanges polled (HKEX, SSE, SZSE). Check that its Flex stack list offers dotnet-isolated 10.0
// before the first deployment (infra/README.md).
param location = 'eastasia'

param namePrefix = 'alerts'

param tags = {
  app: 'alerts'
  environment: 'production'
}

param maximumInstanceCount = 100
param instanceMemoryMB = 2048

// 6-field NCRONTAB (seconds first), evaluated in UTC.
param pollSchedule = '0 * * * * *'
param retryDueSchedule = '30 * * * * *'

param emailFrom = 'Alerts <alerts@example.com>'

// Never write the key here: export SENDGRID_API_KEY in the shell that runs az deployment.
param sendGridApiKey = readEnvironmentVariable('SENDGRID_API_KEY')

// Never write it here either: export ALERTS_KEYRING_KEY (openssl rand -base64 32, once; keep it) before az deployment.
param keyRingKey = readEnvironmentVariable('ALERTS_KEYRING_KEY')

// And the management API's admin key: export ALERTS_API_ADMIN_KEY (openssl rand -base64 32).
param apiAdminKey = readEnvironmentVariable('ALERTS_API_ADMIN_KEY')

param keyVaultSoftDeleteRetentionDays = 7
param keyVaultPurgeProtection = false
