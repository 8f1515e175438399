# The detector's image: the jar built by `mvn -B package -DskipTests` and the bundled model set.
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY streams-app/target/vog.jar /app/vog.jar
COPY models /app/models
EXPOSE 9404
ENTRYPOINT ["java", "-jar", "/app/vog.jar"]
