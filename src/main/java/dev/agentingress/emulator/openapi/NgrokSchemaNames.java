package dev.agentingress.emulator.openapi;

import io.swagger.v3.core.jackson.TypeNameResolver;

/**
 * Names the application's records as ngrok's document names its schemas: a {@code *Response} record is the resource
 * itself ({@code AgentIngressResponse} is {@code AgentIngress}), and a record nested in another takes the outer name
 * as a prefix ({@code AgentIngressResponse.CertStatus} is {@code AgentIngressCertStatus}). Other types keep
 * swagger-core's names.
 */
final class NgrokSchemaNames extends TypeNameResolver {

    private static final String RESPONSE_SUFFIX = "Response";

    private final String applicationPackage;

    NgrokSchemaNames(String applicationPackage) {
        this.applicationPackage = applicationPackage;
    }

    @Override
    protected String getNameOfClass(Class<?> type) {
        if (!type.getPackageName().startsWith(applicationPackage)) {
            return super.getNameOfClass(type);
        }
        String name = type.getSimpleName();
        if (name.endsWith(RESPONSE_SUFFIX)) {
            name = name.substring(0, name.length() - RESPONSE_SUFFIX.length());
        }
        Class<?> enclosing = type.getEnclosingClass();
        return enclosing == null ? name : getNameOfClass(enclosing) + name;
    }
}
