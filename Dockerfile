# syntax=docker/dockerfile:1
# Build on JDK 17 (the build target), run on JDK 25 with Spring's AOT initialisation and a JDK AOT cache that the
# image makes for itself: the fastest start this stack has (figures in docs/performance.md).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw --batch-mode --no-transfer-progress dependency:go-offline
COPY src src
RUN ./mvnw --batch-mode --no-transfer-progress package -DskipTests \
    && sh src/main/docker/assemble-app.sh target/agent-ingress-emulator-*.jar /app

FROM eclipse-temurin:25-jre
RUN groupadd --system emulator && useradd --system --gid emulator --home-dir /app emulator \
    && mkdir /data && chown emulator:emulator /data
WORKDIR /app
# dependencies first: they change less often than the application, so their layer is reused
COPY --from=build /app/lib/ lib/
COPY --from=build /app/app.jar /app/jvm.options /app/java-runtime.sh /app/start-emulator.sh /app/train-aot-cache.sh ./
# the AOT cache fits only the JVM that made it, so it is made here, by this image's java, from a training run
RUN sh train-aot-cache.sh
USER emulator
# in memory by default; SPRING_PROFILES_ACTIVE=durable keeps H2 in /data (mount a volume there).
# JVM options: jvm.options (serial GC, a heap of 64 MiB growing to 256 MiB), then JAVA_OPTS, e.g. -e JAVA_OPTS=-Xmx1g
ENV PORT=8080 EMULATOR_DATA_DIR=/data
EXPOSE 8080
# The JRE image has no curl: a few lines of JDK HTTP client probe readiness on $PORT.
HEALTHCHECK --interval=10s --timeout=5s --retries=6 \
    CMD ["java", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", "app.jar", "dev.agentingress.emulator.operations.HealthCheckCommand"]
ENTRYPOINT ["sh", "start-emulator.sh"]
