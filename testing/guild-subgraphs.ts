// The public federation benchmark scenario's four subgraphs (accounts, products, inventory, reviews),
// written for this harness with @apollo/subgraph's buildSubgraphSchema and served by mercurius on one
// Fastify instance: Federation 2 SDL at /<name>, Federation 1 SDL (`extend type`, `@external`) at
// /fed1/<name> for the mercurius gateway, which understands only Federation 1.
// The data is tiny and in memory on purpose: the gateway is what is measured.
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { buildSchema, execute, parse } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import mercurius from 'mercurius';

export const GUILD_SUBGRAPH_NAMES = ['accounts', 'inventory', 'products', 'reviews'] as const;
export type GuildSubgraphName = (typeof GUILD_SUBGRAPH_NAMES)[number];

interface User {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  readonly birthday: number;
}
interface Product {
  readonly upc: string;
  readonly name: string;
  readonly price: number;
  readonly weight: number;
}
interface Review {
  readonly id: string;
  readonly body: string;
  readonly productUpc: string;
  readonly authorId: string;
}

const USERS: readonly User[] = [
  { id: '1', name: 'Nguyen Van An', username: 'an.nguyen', birthday: 631152000 },
  { id: '2', name: 'Tran Thi Binh', username: 'binh.tran', birthday: 694224000 },
  { id: '3', name: 'Le Minh Cuong', username: 'cuong.le', birthday: 757382400 },
  { id: '4', name: 'Pham Quoc Dung', username: 'dung.pham', birthday: 504921600 },
  { id: '5', name: 'Vo Thi Em', username: 'em.vo', birthday: 852076800 },
  { id: '6', name: 'Hoang Gia Phuc', username: 'phuc.hoang', birthday: 915148800 },
];

const PRODUCTS: readonly Product[] = [
  { upc: '1', name: 'Bamboo table', price: 899, weight: 100 },
  { upc: '2', name: 'Conical hat', price: 54, weight: 2 },
  { upc: '3', name: 'Lacquer box', price: 1299, weight: 15 },
  { upc: '4', name: 'Silk scarf', price: 150, weight: 1 },
  { upc: '5', name: 'Ceramic teapot', price: 420, weight: 12 },
  { upc: '6', name: 'Rattan chair', price: 2100, weight: 80 },
  { upc: '7', name: 'Coffee filter', price: 25, weight: 3 },
  { upc: '8', name: 'Water puppet', price: 640, weight: 9 },
  { upc: '9', name: 'Paper lantern', price: 35, weight: 4 },
];

const IN_STOCK: Readonly<Record<string, boolean>> = { '1': true, '2': false, '3': true, '4': false, '5': true, '6': true, '7': false, '8': true, '9': true };

// Paragraph-long review bodies, assembled from these sentences so that each review reads differently.
// All data is ASCII: the load generator compares response bodies as strings, decoded chunk by chunk.
const SENTENCES = [
  'It arrived two days after the order, packed in recycled paper and tied with string, with a handwritten note from the workshop that made it.',
  'The finish is even and smooth, and after a month of daily use there is still no scratch, crack or loose joint anywhere on it.',
  'My grandmother says the ones sold at the market when she was young looked exactly like this, which is the best compliment I can give.',
  'The colour is a little darker than in the photographs on the shop page, but in the evening light of our living room it looks warmer and better.',
  'Assembly took less than ten minutes with the included key, and the instructions were clear even for someone as impatient as I am.',
  'I bought a second one as a gift for a colleague who moved to Da Nang, and she wrote back the same evening to say how much she liked it.',
  'The price is higher than the imported alternatives, but it is made locally, it will last for years, and the seller answers questions within the hour.',
  'One small complaint: the label glued underneath was hard to remove and left a sticky mark that needed warm water and patience.',
  'After the rainy season it still smells of wood and lacquer rather than damp, which says a lot about how carefully it was finished.',
  'The children use it every day and it has survived being dropped, painted on and carried around the courtyard, so it is clearly sturdy.',
  'Customer service exchanged the first one, which had a small dent from shipping, without asking for photographs or the original box.',
  'It is lighter than it looks, easy to move around the house, and it fits neatly in the corner by the window where nothing else would fit.',
  'I would buy it again without hesitation, and I have already recommended the workshop to everyone in our residential group chat.',
];

function paragraph(seed: number, count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(SENTENCES[(seed * 5 + i * 7) % SENTENCES.length] as string);
  return parts.join(' ');
}

const REVIEWS: readonly Review[] = [
  { id: '1', productUpc: '1', authorId: '1', body: paragraph(1, 6) },
  { id: '2', productUpc: '1', authorId: '2', body: paragraph(2, 4) },
  { id: '3', productUpc: '1', authorId: '3', body: paragraph(3, 5) },
  { id: '4', productUpc: '2', authorId: '1', body: paragraph(4, 3) },
  { id: '5', productUpc: '2', authorId: '4', body: paragraph(5, 6) },
  { id: '6', productUpc: '3', authorId: '2', body: paragraph(6, 4) },
  { id: '7', productUpc: '3', authorId: '5', body: paragraph(7, 5) },
  { id: '8', productUpc: '4', authorId: '1', body: paragraph(8, 3) },
  { id: '9', productUpc: '5', authorId: '6', body: paragraph(9, 4) },
  { id: '10', productUpc: '6', authorId: '3', body: paragraph(10, 5) },
  { id: '11', productUpc: '4', authorId: '4', body: paragraph(11, 9) },
];

const usersById = new Map(USERS.map((user) => [user.id, user]));
const productsByUpc = new Map(PRODUCTS.map((product) => [product.upc, product]));
const reviewsById = new Map(REVIEWS.map((review) => [review.id, review]));
const reviewsByAuthor = groupBy(REVIEWS, (review) => review.authorId);
const reviewsByProduct = groupBy(REVIEWS, (review) => review.productUpc);

function groupBy<T>(items: readonly T[], key: (item: T) => string): ReadonlyMap<string, readonly T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function shippingEstimate(price: number | null | undefined, weight: number | null | undefined): number | null {
  if (typeof price !== 'number' || typeof weight !== 'number') return null;
  return price > 1000 ? 0 : Math.round(weight / 2);
}

function topProducts(first: number | null | undefined): readonly Product[] {
  return PRODUCTS.slice(0, first ?? 5);
}

/** A review as the reviews subgraph returns it: the author carries the username it @provides. */
function reviewObject(review: Review): Record<string, unknown> {
  return {
    id: review.id,
    body: review.body,
    product: { upc: review.productUpc },
    author: { id: review.authorId, username: usersById.get(review.authorId)?.username ?? null },
  };
}

const FED2_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides"])';

/** Federation 2 SDL of each subgraph. */
const FED2_SDL: Record<GuildSubgraphName, string> = {
  accounts: `${FED2_LINK}
type Query { me: User  user(id: ID!): User  users: [User] }
type User @key(fields: "id") { id: ID!  name: String  username: String @shareable  birthday: Int }`,
  products: `${FED2_LINK}
type Query { topProducts(first: Int = 5): [Product] }
type Product @key(fields: "upc") { upc: String!  name: String  price: Int  weight: Int }`,
  inventory: `${FED2_LINK}
type Product @key(fields: "upc") {
  upc: String!
  weight: Int @external
  price: Int @external
  inStock: Boolean
  shippingEstimate: Int @requires(fields: "price weight")
}`,
  reviews: `${FED2_LINK}
type Review @key(fields: "id") { id: ID!  body: String  product: Product  author: User @provides(fields: "username") }
type User @key(fields: "id") { id: ID!  username: String @external  reviews: [Review] }
type Product @key(fields: "upc") { upc: String!  reviews: [Review] }`,
};

/** Federation 1 SDL of each subgraph (for the mercurius gateway). */
const FED1_SDL: Record<GuildSubgraphName, string> = {
  accounts: `extend type Query { me: User  user(id: ID!): User  users: [User] }
type User @key(fields: "id") { id: ID!  name: String  username: String  birthday: Int }`,
  products: `extend type Query { topProducts(first: Int = 5): [Product] }
type Product @key(fields: "upc") { upc: String!  name: String  price: Int  weight: Int }`,
  inventory: `extend type Product @key(fields: "upc") {
  upc: String! @external
  weight: Int @external
  price: Int @external
  inStock: Boolean
  shippingEstimate: Int @requires(fields: "price weight")
}`,
  reviews: `type Review @key(fields: "id") { id: ID!  body: String  product: Product  author: User @provides(fields: "username") }
extend type User @key(fields: "id") { id: ID! @external  username: String @external  reviews: [Review] }
extend type Product @key(fields: "upc") { upc: String! @external  reviews: [Review] }`,
};

type Ref = Record<string, unknown>;

const RESOLVERS: Record<GuildSubgraphName, GraphQLResolverMap<unknown>> = {
  accounts: {
    Query: {
      me: () => USERS[0],
      user: (_: unknown, args: { id: string }) => usersById.get(args.id) ?? null,
      users: () => USERS,
    },
    User: { __resolveReference: (ref: Ref) => usersById.get(String(ref['id'])) ?? null },
  },
  products: {
    Query: { topProducts: (_: unknown, args: { first?: number | null }) => topProducts(args.first) },
    Product: { __resolveReference: (ref: Ref) => productsByUpc.get(String(ref['upc'])) ?? null },
  },
  inventory: {
    Product: {
      __resolveReference: (ref: Ref) => ({ ...ref, inStock: IN_STOCK[String(ref['upc'])] ?? false }),
      shippingEstimate: (product: Ref) => shippingEstimate(product['price'] as number | null, product['weight'] as number | null),
    },
  },
  reviews: {
    Review: {
      __resolveReference: (ref: Ref) => {
        const review = reviewsById.get(String(ref['id']));
        return review ? reviewObject(review) : null;
      },
    },
    User: {
      __resolveReference: (ref: Ref) => ({ id: ref['id'] }),
      reviews: (user: Ref) => (reviewsByAuthor.get(String(user['id'])) ?? []).map(reviewObject),
    },
    Product: {
      __resolveReference: (ref: Ref) => ({ upc: ref['upc'] }),
      reviews: (product: Ref) => (reviewsByProduct.get(String(product['upc'])) ?? []).map(reviewObject),
    },
  },
};

/** The Federation 2 SDL of every subgraph, for composition. */
export function guildSubgraphSdl(name: GuildSubgraphName): string {
  return FED2_SDL[name];
}

/** Build one subgraph's executable schema. */
export function buildGuildSubgraphSchema(name: GuildSubgraphName, federation: 1 | 2): GraphQLSchema {
  const sdl = federation === 2 ? FED2_SDL[name] : FED1_SDL[name];
  const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: RESOLVERS[name] }]);
  if (federation === 1) {
    // @apollo/subgraph prints a Federation 1 SDL with an empty `type User` / `type Product` after each
    // `extend type`, which makes the mercurius gateway drop the owner's fields: serve the SDL as written.
    const service = schema.getQueryType()?.getFields()['_service'];
    if (service) service.resolve = () => ({ sdl });
  }
  return schema;
}

/**
 * One Fastify instance serving the four subgraphs: Federation 2 at /<name>, Federation 1 at /fed1/<name>.
 */
export async function buildGuildSubgraphsApp(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  for (const federation of [2, 1] as const) {
    for (const name of GUILD_SUBGRAPH_NAMES) {
      const path = federation === 2 ? `/${name}` : `/fed1/${name}`;
      const schema = buildGuildSubgraphSchema(name, federation);
      // Each registration in its own encapsulated context: mercurius decorates the instance.
      await app.register(async (child) => {
        await child.register(mercurius, { schema, path, graphiql: false, jit: 1 });
      });
    }
  }
  app.get('/health', async () => ({ status: 'ok' }));
  return app;
}

/** The query's expected data, computed on a plain (non-federated) schema over the same data. */
export async function guildExpectedData(query: string, variableValues: Record<string, unknown> = {}): Promise<unknown> {
  const schema = buildSchema(`
    type Query { users: [User]  topProducts(first: Int = 5): [Product] }
    type User { id: ID!  name: String  username: String  birthday: Int  reviews: [Review] }
    type Product { upc: String!  name: String  price: Int  weight: Int  inStock: Boolean  shippingEstimate: Int  reviews: [Review] }
    type Review { id: ID!  body: String  product: Product  author: User }
  `);
  const userObject = (user: User) => ({ ...user, reviews: () => (reviewsByAuthor.get(user.id) ?? []).map(reviewObjectPlain) });
  const productObject = (product: Product) => ({
    ...product,
    inStock: IN_STOCK[product.upc] ?? false,
    shippingEstimate: shippingEstimate(product.price, product.weight),
    reviews: () => (reviewsByProduct.get(product.upc) ?? []).map(reviewObjectPlain),
  });
  const reviewObjectPlain = (review: Review): Record<string, unknown> => ({
    id: review.id,
    body: review.body,
    product: () => productObject(productsByUpc.get(review.productUpc) as Product),
    author: () => userObject(usersById.get(review.authorId) as User),
  });
  const rootValue = { users: () => USERS.map(userObject), topProducts: (args: { first?: number | null }) => topProducts(args.first).map(productObject) };
  const result = await execute({ schema, document: parse(query), rootValue, variableValues });
  if (result.errors?.length) throw new Error(`reference execution failed: ${result.errors[0]?.message}`);
  // As plain JSON objects (graphql-js builds them without a prototype).
  return JSON.parse(JSON.stringify(result.data)) as unknown;
}
