#!/bin/bash
# Regenerate the single Initial migration of each provider (nothing is deployed yet).
set -e
cd "${1:-$(dirname "$0")/..}/src/MigrantAid.Web"
dotnet tool restore >/dev/null
rm -f Data/Migrations/Sqlite/*.cs Data/Migrations/SqlServer/*.cs
dotnet ef migrations add Initial --context SqliteAppDbContext --output-dir Data/Migrations/Sqlite --namespace MigrantAid.Web.Data.Migrations.Sqlite >/dev/null
dotnet ef migrations add Initial --context SqlServerAppDbContext --output-dir Data/Migrations/SqlServer --namespace MigrantAid.Web.Data.Migrations.SqlServer --no-build >/dev/null
# Without an existing snapshot, EF writes the new one under a folder named after its namespace.
for p in Sqlite SqlServer; do
  [ -f MigrantAid/Web/Data/Migrations/$p/${p}AppDbContextModelSnapshot.cs ] && mv MigrantAid/Web/Data/Migrations/$p/${p}AppDbContextModelSnapshot.cs Data/Migrations/$p/
done
rm -rf MigrantAid
ls Data/Migrations/*
