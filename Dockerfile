# syntax=docker/dockerfile:1
# Multi-stage build of the HeadlessCms API. docker-compose.yml runs it against PostgreSQL.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/HeadlessCms.Data/HeadlessCms.Data.csproj src/HeadlessCms.Data/
COPY src/HeadlessCms.Api/HeadlessCms.Api.csproj src/HeadlessCms.Api/
COPY migrations/HeadlessCms.Migrations.Postgres/HeadlessCms.Migrations.Postgres.csproj migrations/HeadlessCms.Migrations.Postgres/
COPY migrations/HeadlessCms.Migrations.Sqlite/HeadlessCms.Migrations.Sqlite.csproj migrations/HeadlessCms.Migrations.Sqlite/
RUN dotnet restore src/HeadlessCms.Api/HeadlessCms.Api.csproj -r linux-x64
COPY src/ src/
COPY migrations/ migrations/
COPY examples/ examples/
RUN dotnet publish src/HeadlessCms.Api/HeadlessCms.Api.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    Database__Provider=Postgres \
    Cms__SeedDemoContent=true
EXPOSE 8080
USER app
ENTRYPOINT ["dotnet", "HeadlessCms.Api.dll"]
