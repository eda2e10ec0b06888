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
RUN groupadd --system emulator && useradd --system --gid emulator --home-dir /app emulator \
    && mkdir /data && chown emulator:emulator /data
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER emulator
# in memory by default; SPRING_PROFILES_ACTIVE=durable keeps H2 in /data (mount a volume there)
ENV PORT=8080 EMULATOR_DATA_DIR=/data
EXPOSE 8080
# The JRE image has no curl: a few lines of JDK HTTP client probe readiness on $PORT.
HEALTHCHECK --interval=10s --timeout=5s --retries=6 \
    CMD ["java", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", "BOOT-INF/classes", "dev.agentingress.emulator.operations.HealthCheckCommand"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "org.springframework.boot.loader.launch.JarLauncher"]
