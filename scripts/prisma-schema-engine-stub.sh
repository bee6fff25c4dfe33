#!/bin/sh
# Prisma's native schema engine cannot be downloaded on these machines (only the npm registry is
# reachable). `prisma generate` never needs it; migrations are applied by subgraphs/kit/migrate.ts.
echo "lien-thong: Prisma's native schema engine is not installed; migrations are applied by 'npm run db:migrate' (subgraphs/kit/migrate.ts)." >&2
exit 1
