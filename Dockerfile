# Two images from the jars `mvn -B package -DskipTests` builds. The default (last) stage is the
# detector's: the runtime artifact alone (vog run, vog publish-stats), no broker, Scala or charts.
# `--target tools` adds the whole command line (vog produce for the compose stack's traffic).
FROM eclipse-temurin:17-jre AS tools
WORKDIR /app
COPY streams-app/target/vog.jar /app/vog.jar
COPY models /app/models
ENTRYPOINT ["java", "-jar", "/app/vog.jar"]

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /app
COPY vog-runtime/target/vog-runtime.jar /app/vog-runtime.jar
COPY models /app/models
EXPOSE 9404
ENTRYPOINT ["java", "-jar", "/app/vog-runtime.jar"]
