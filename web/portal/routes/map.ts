// What every map page of the portals shares: the files (Leaflet's build, BSD-2-Clause, read from
// node_modules at start, and our scripts; never a CDN), the ward boundaries as GeoJSON, and the content
// security policy of a page with a map (scripts, styles and fetches from this portal only; images from
// the tile server when one is configured). Leaflet is sent gzip-compressed to browsers that accept it
// (about 42 KB instead of 147 KB), so a map page stays under 100 KB of JavaScript on the wire. The staff
// workspace registers the same routes with its own map script (the leaders' dashboard).
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { rethrowUnlessUnavailable } from '../gateway-client.ts';
import type { SiteRouteOptions } from '../replies.ts';
import type { SiteServices } from '../services.ts';

const WARDS = `query PortalMapWards { wards { code name geometry(toleranceMeters: 20) } }`;

/** One file under /assets/, with its gzip-compressed bytes when compressing is worth it. */
interface Asset {
  readonly type: string;
  readonly body: Buffer;
  readonly gzip?: Buffer;
}

/** What mapRoutes is registered with: an application's services and replies, and its own scripts (name → file). */
export interface MapRouteOptions extends SiteRouteOptions {
  readonly scripts?: Readonly<Record<string, URL>>;
}

/** The map's files: Leaflet's build and images, the portals' map scripts, and the application's own. */
function mapAssets(scripts: Readonly<Record<string, URL>>): Map<string, Asset> {
  const leaflet = path.dirname(createRequire(import.meta.url).resolve('leaflet/dist/leaflet.js'));
  const text = (type: string, body: Buffer): Asset => ({ type: `${type}; charset=utf-8`, body, gzip: gzipSync(body, { level: 9 }) });
  const ours = (name: string) => text('text/javascript', readFileSync(new URL(`../assets/${name}`, import.meta.url)));
  const files = new Map<string, Asset>([
    ['leaflet/leaflet.js', text('text/javascript', readFileSync(path.join(leaflet, 'leaflet.js')))],
    ['leaflet/leaflet.css', text('text/css', readFileSync(path.join(leaflet, 'leaflet.css')))],
    ['planning-map.js', ours('planning-map.js')],
    ['feedback-map.js', ours('feedback-map.js')],
    ['map-base.js', ours('map-base.js')],
  ]);
  for (const [name, file] of Object.entries(scripts)) files.set(name, text('text/javascript', readFileSync(file)));
  for (const name of readdirSync(path.join(leaflet, 'images'))) {
    if (name.endsWith('.png')) files.set(`leaflet/images/${name}`, { type: 'image/png', body: readFileSync(path.join(leaflet, 'images', name)) });
  }
  return files;
}

/** The content security policy of a page with a map: scripts, styles and fetches from this portal; tiles from the tile server. */
export function mapPagePolicy(services: SiteServices): string {
  const tiles = services.options.mapTiles;
  const tileSource = tiles ? tiles.url.replace(/^(https?:\/\/[^/]+).*$/i, '$1').replace(/\{s\}/g, '*') : '';
  const issuerOrigin = new URL(services.options.issuer).origin;
  return `default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:${tileSource ? ` ${tileSource}` : ''}; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'self' ${issuerOrigin}`;
}

/** The wards' boundaries as a GeoJSON FeatureCollection (public data), or undefined when the gateway does not answer. */
export async function wardCollection(services: SiteServices, request: FastifyRequest): Promise<unknown> {
  const result = await services
    .gateway<{ wards?: { code: string; name: string; geometry: unknown }[] | null }>(WARDS, { clientAddress: request.ip, requestId: String(request.id) })
    .catch(rethrowUnlessUnavailable);
  if (result === 'unavailable' || !result.data?.wards) return undefined;
  return {
    type: 'FeatureCollection',
    features: result.data.wards.map((ward) => ({ type: 'Feature', id: ward.code, properties: { name: ward.name }, geometry: ward.geometry })),
  };
}

/** GET /assets/* (the map's files) and GET /ban-do/phuong.json (ward boundaries), on both portals. */
export async function mapRoutes(app: FastifyInstance, { services, replies, scripts = {} }: MapRouteOptions): Promise<void> {
  const assets = mapAssets(scripts);
  app.get('/assets/*', async (request, reply) => {
    const asset = assets.get((request.params as { '*': string })['*']);
    if (!asset) return replies.errorPage(reply, undefined, 404, 'Không tìm thấy trang', 'Trang bạn tìm không tồn tại. (Page not found.)');
    reply.type(asset.type).header('vary', 'accept-encoding');
    if (asset.gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(asset.gzip);
    return reply.send(asset.body);
  });
  app.get('/ban-do/phuong.json', async (request, reply) => {
    const collection = await wardCollection(services, request);
    return collection ? reply.send(collection) : reply.code(503).send({ error: 'SERVICE_UNAVAILABLE' });
  });
}
