export { NoLocalAws, resolveAwsEnvironment } from './aws-environment';
export type { AwsEnvironment } from './aws-environment';
export { ServicesBusy, servicesInfo, startServices, stopServices } from './lifecycle';
export type { ServicesOptions } from './lifecycle';
export { GIT_SECRET_NAME, stateFiles } from './state-files';
export type { ServicesInfo } from './state-files';
