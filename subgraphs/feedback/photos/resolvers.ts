// The GraphQL side of photos: where a photo is downloaded (its bytes are served by photos/routes.ts).
import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { FeedbackPhoto } from '../prisma/generated/client.ts';
import type { FeedbackContext } from '../services.ts';
import { photoUrl } from './photos.ts';

/** Type resolvers of photos. */
export const photoResolvers = {
  FeedbackPhoto: {
    url: (photo: FeedbackPhoto) => photoUrl(photo.id),
  },
} satisfies GraphQLResolverMap<FeedbackContext>;
