# Two images from the jars `mvn -B package -DskipTests` builds. The default (last) stage is the
# detector's: the runtime artifact alone (vog run, vog publish-stats), no broker, Scala or charts,
# and no model: mount a checkpoint directory and point --model (or vog.models.NAME.dir) at it, as
# docker-compose.yml does with ./models/mnist-lenet at /models/mnist-lenet (read-only).
# `--target tools` adds the whole command line (vog produce for the compose stack's traffic) and
# keeps the bundled model set at /app/models, so that `vog demo` runs in it as it does from a clone.
FROM eclipse-temurin:17-jre AS tools
WORKDIR /app
COPY streams-app/target/vog.jar /app/vog.jar
COPY models /app/models
ENTRYPOINT ["java", "-jar", "/app/vog.jar"]

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /app
COPY vog-runtime/target/vog-runtime.jar /app/vog-runtime.jar
EXPOSE 9404
ENTRYPOINT ["java", "-jar", "/app/vog-runtime.jar"]
