# syntax=docker/dockerfile:1
# Build with the Maven Wrapper, then run Boot's layered jar on a JRE as a non-root user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw --batch-mode --no-transfer-progress dependency:go-offline
COPY src src
RUN ./mvnw --batch-mode --no-transfer-progress package -DskipTests \
    && java -Djarmode=tools -jar target/agent-ingress-emulator-*.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:17-jre
RUN groupadd --system emulator && useradd --system --gid emulator --home-dir /app emulator
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER emulator
ENV PORT=8080
EXPOSE 8080
# The JRE image has no curl: a few lines of JDK HTTP client probe readiness on $PORT.
HEALTHCHECK --interval=10s --timeout=5s --retries=6 \
    CMD ["java", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", "BOOT-INF/classes", "dev.agentingress.emulator.operations.HealthCheckCommand"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "org.springframework.boot.loader.launch.JarLauncher"]
