# Pipedeck container image: build with the Maven wrapper, then run the extracted application on a JRE 25 with an
# AOT cache made by a training run (faster start-up, less memory; see the README's "Measured"), as a non-root user.
# No Docker engine runs where this project is developed: this file is kept correct by review (see the README).

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
# Dependencies first, so source changes do not download them again.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src/main src/main
COPY frontend-assets frontend-assets
# Tests run in CI (./mvnw verify), not in the image build: they need Chromium, PostgreSQL and ../shared.
RUN ./mvnw -B -ntp -q package -Dmaven.test.skip=true \
 && mkdir /app \
 && java -Djarmode=tools -jar target/pipedeck-*.jar extract --destination /app \
 && mv /app/pipedeck-*.jar /app/pipedeck.jar

FROM eclipse-temurin:25-jre
# curl for the health check only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 pipedeck \
 && useradd --system --uid 10001 --gid pipedeck --home-dir /var/lib/pipedeck --shell /usr/sbin/nologin pipedeck \
 && mkdir -p /var/lib/pipedeck \
 && chown pipedeck:pipedeck /var/lib/pipedeck
# The extracted application (its jar and lib/ beside it), owned by root: read-only at run time.
COPY --from=build /app /opt/pipedeck
WORKDIR /opt/pipedeck
ENV PIPEDECK_DATA_DIR=/var/lib/pipedeck \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp"
# Training run with this very JRE and these very paths (an AOT cache is only used for the classpath and JVM it was
# made with): start up to a refreshed context on a scratch embedded H2, and record the classes loaded.
RUN java -XX:AOTCacheOutput=/opt/pipedeck/pipedeck.aot -Dspring.context.exit=onRefresh -jar /opt/pipedeck/pipedeck.jar \
        --pipedeck.data-dir=/tmp/training --pipedeck.health.collect=false --pipedeck.alerts.enabled=false \
 && rm -rf /tmp/training
USER 10001:10001
VOLUME ["/var/lib/pipedeck"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/actuator/health/readiness || exit 1
# SIGTERM (docker stop) lets requests in flight finish first (server.shutdown=graceful, up to 20 s).
ENTRYPOINT ["java", "-XX:AOTCache=/opt/pipedeck/pipedeck.aot", "-jar", "/opt/pipedeck/pipedeck.jar"]
