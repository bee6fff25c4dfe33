// A small shop of two subgraphs for the conformance suites on operation features (aliases, fragments,
// __typename, @skip/@include, @defer, introspection): products (root fields) and reviews (an entity
// extension with a field argument).
import { link } from './harness.ts';
import type { SubgraphSpec } from './harness.ts';

export const PRODUCTS = [
  { id: 'p1', name: 'Nón lá', price: 50 },
  { id: 'p2', name: 'Áo dài', price: 900 },
];
const REVIEWS: Record<string, { id: string; body: string; stars: number }[]> = {
  p1: [
    { id: 'r1', body: 'Đẹp', stars: 5 },
    { id: 'r2', body: 'Nhẹ', stars: 4 },
  ],
  p2: [{ id: 'r3', body: 'Sang', stars: 5 }],
};

/** The shop's subgraphs. */
export const SHOP: readonly SubgraphSpec[] = [
  {
    name: 'products',
    sdl: `${link('key')}
type Query { products: [Product!]!  product(id: ID!): Product }
type Product @key(fields: "id") { id: ID!  name: String!  price: Int }`,
    resolvers: {
      Query: { products: () => PRODUCTS, product: (_: unknown, args: { id: string }) => PRODUCTS.find((product) => product.id === args.id) ?? null },
      Product: { __resolveReference: (ref: { id: string }) => PRODUCTS.find((product) => product.id === ref.id) ?? null },
    },
  },
  {
    name: 'reviews',
    sdl: `${link('key')}
type Product @key(fields: "id") { id: ID!  reviews(minStars: Int = 0): [Review!]! }
type Review { id: ID!  body: String!  stars: Int! }`,
    resolvers: {
      Product: {
        __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
        reviews: (product: { id: string }, args: { minStars: number }) => (REVIEWS[product.id] ?? []).filter((review) => review.stars >= args.minStars),
      },
    },
  },
];
