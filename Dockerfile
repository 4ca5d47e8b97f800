# One image for every part of the tracker: the launcher picks the part (streams, produce, topics, broker, demo, ...).
#
#   docker build -t race-tracker .
#   docker run --rm race-tracker --version
#   docker run --rm -p 127.0.0.1:8080:8080 race-tracker streams --bootstrap-server HOST:9092 --http-host 0.0.0.0
#
# Build stage, in layers: the Maven wrapper and the poms first, and every dependency and plugin resolved from them
# alone (a package of empty modules), so a source change reuses that layer; then the sources, and the release
# archive built from them (cli/target/race-tracker-VERSION.tar.gz, the same one ./mvnw package makes).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY test-support/pom.xml test-support/
COPY core/pom.xml core/
COPY producer/pom.xml producer/
COPY streams-app/pom.xml streams-app/
COPY kafka-local/pom.xml kafka-local/
COPY cli/pom.xml cli/
COPY benchmarks/pom.xml benchmarks/
RUN ./mvnw -B -q -DskipTests -Dassembly.skipAssembly=true package \
 && rm -rf */target target

COPY . .
RUN ./mvnw -B -q -DskipTests package
# The archive, split into layers that change at different rates: third-party libraries, the broker and Kafka's tools
# (only ever run in a JVM of their own, by broker, demo and console-consumer), and the tracker's own jars.
RUN mkdir -p /layers/deps \
 && tar -xzf cli/target/race-tracker-*.tar.gz -C /layers \
 && mv /layers/race-tracker-* /layers/app \
 && mv /layers/app/lib/broker /layers/broker \
 && find /layers/app/lib -maxdepth 1 -name '*.jar' ! -name 'race-tracker*' -exec mv {} /layers/deps/ \;

# Runtime: a JRE, curl for the health check, and a user of its own (never root).
FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 race-tracker \
 && useradd --system --uid 10001 --gid race-tracker --home-dir /opt/race-tracker --no-create-home \
      --shell /usr/sbin/nologin race-tracker \
 && mkdir -p /var/lib/race-tracker/streams /opt/race-tracker/.race-tracker \
 && chown -R race-tracker:race-tracker /var/lib/race-tracker /opt/race-tracker/.race-tracker
WORKDIR /opt/race-tracker
COPY --from=build /layers/deps lib/
COPY --from=build /layers/broker lib/broker/
COPY --from=build /layers/app ./

# The heap the launcher gives by default; JAVA_OPTS is added after it, so -e JAVA_OPTS=-Xmx2g wins.
ENV RACE_TRACKER_JAVA_OPTS="-Xmx1g" \
    JAVA_OPTS=""
USER 10001:10001
# the streams app's dashboard, HTTP API, metrics and health (with --http-host 0.0.0.0 --port 8080)
EXPOSE 8080
# Ready = the streams app is RUNNING with its stores queryable (docs/runbook.md). Other commands (topics, produce)
# have no HTTP server: docker-compose.yml turns the check off for them.
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["/opt/race-tracker/bin/race-tracker"]
CMD ["--help"]
