import { isJsonObject } from '../asl/json.ts';
import type { MachineModel, StateNode } from '../asl/model.ts';
import type { Report } from './report.ts';

/**
 * Optimized integrations (`arn:aws:states:::<service>:<action>`) and the actions AWS recognises for them. Services not
 * listed are not checked, so this table can only miss a mistake, never invent one.
 */
const OPTIMIZED_INTEGRATIONS: Record<string, readonly string[]> = {
  lambda: ['invoke'],
  sqs: ['sendMessage'],
  sns: ['publish'],
  states: ['startExecution'],
  events: ['putEvents'],
  apigateway: ['invoke'],
  dynamodb: ['getItem', 'putItem', 'deleteItem', 'updateItem'],
  s3: ['getObject', 'listObjectsV2', 'putObject'],
  ecs: ['runTask'],
  batch: ['submitJob'],
  glue: ['startJobRun'],
  athena: ['startQueryExecution', 'stopQueryExecution', 'getQueryExecution', 'getQueryResults'],
  codebuild: [
    'startBuild',
    'stopBuild',
    'batchDeleteBuilds',
    'batchGetReports',
    'startBuildBatch',
    'stopBuildBatch',
    'retryBuildBatch',
    'retryBuild',
    'batchDeleteBuildBatches',
  ],
  http: ['invoke'],
};

function checkIntegration(report: Report, node: StateNode, field: string, resource: string): void {
  const match = /^arn:aws[\w-]*:states:::([\w-]+):([\w-]+)(?:\.(?:sync(?::2)?|waitForTaskToken))?$/.exec(resource);
  if (!match || match[1] === 'aws-sdk') return;
  const [, service, action] = match as unknown as [string, string, string];
  const actions = OPTIMIZED_INTEGRATIONS[service];
  if (actions && !actions.includes(action)) {
    report.error(
      'UNKNOWN_INTEGRATION',
      node.path,
      `${field} "${resource}" is not an optimized integration of ${service} (${actions.join(', ')}); use arn:aws:states:::aws-sdk:${service}:${action}`,
    );
  }
}

function checkCredentials(report: Report, node: StateNode): void {
  const credentials = node.definition.Credentials;
  if (credentials === undefined) return;
  if (!isJsonObject(credentials) || (credentials.RoleArn === undefined && credentials['RoleArn.$'] === undefined)) {
    report.error('CREDENTIALS_ROLE_ARN', node.path, 'Credentials needs "RoleArn"');
  }
}

export function checkResources(model: MachineModel, report: Report): void {
  for (const node of model.states) {
    const { Type: type, Resource: resource, ItemReader: reader, ResultWriter: writer } = node.definition;
    if (type === 'Task' && typeof resource === 'string') checkIntegration(report, node, 'Resource', resource);
    if (type === 'Map') {
      if (isJsonObject(reader) && typeof reader.Resource === 'string')
        checkIntegration(report, node, 'ItemReader.Resource', reader.Resource);
      if (isJsonObject(writer) && typeof writer.Resource === 'string')
        checkIntegration(report, node, 'ResultWriter.Resource', writer.Resource);
    }
    if (type === 'Task') checkCredentials(report, node);
  }
}
