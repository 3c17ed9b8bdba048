// What the engine calls a QardProviderConfig: the module and type given to pulumi.dynamic.Resource, and the
// full type they make, which engine events, state and policies carry.
export const RESOURCE_MODULE = "qard";
export const RESOURCE_TYPE_NAME = "ProviderConfig";
export const QARD_PROVIDER_CONFIG_TYPE = `pulumi-nodejs:dynamic/${RESOURCE_MODULE}:${RESOURCE_TYPE_NAME}`;
