# One image for every part of the tracker: the launcher picks the part (broker, streams, produce, demo, ...).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /opt/race-tracker
COPY --from=build /src/cli/target/race-tracker.jar cli/target/race-tracker.jar
COPY --from=build /src/cli/target/lib cli/target/lib
COPY --from=build /src/kafka-local/target/race-tracker-kafka-local.jar kafka-local/target/race-tracker-kafka-local.jar
COPY --from=build /src/kafka-local/target/lib kafka-local/target/lib
ENTRYPOINT ["java", "-Drace.tracker.home=/opt/race-tracker", "-jar", "/opt/race-tracker/cli/target/race-tracker.jar"]
CMD ["--help"]
