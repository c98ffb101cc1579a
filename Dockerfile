# Pipedeck container image: build with the Maven wrapper, run on a JRE as a non-root user.
# No Docker engine runs where this project is developed; this file is kept correct by review.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
# Dependencies first, so source changes do not download them again.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src src
COPY frontend-assets frontend-assets
RUN ./mvnw -B -ntp -q package -DskipTests \
 && cp target/pipedeck-*.jar /pipedeck.jar

FROM eclipse-temurin:21-jre
# curl for the health check only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 pipedeck \
 && useradd --system --uid 10001 --gid pipedeck --home-dir /var/lib/pipedeck --shell /usr/sbin/nologin pipedeck \
 && mkdir -p /var/lib/pipedeck \
 && chown pipedeck:pipedeck /var/lib/pipedeck
COPY --from=build /pipedeck.jar /opt/pipedeck/pipedeck.jar
USER 10001:10001
ENV PIPEDECK_DATA_DIR=/var/lib/pipedeck \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp"
VOLUME ["/var/lib/pipedeck"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-jar", "/opt/pipedeck/pipedeck.jar"]
