// Who the signed-in person is at work: their staff roles and unit, read from the access token the way the
// gateway reads them (auth/access-token.ts `viewerFromAccessToken`: realm roles, the workspace's and the
// API's client roles, the `unit` claim). The workspace only chooses which pages to offer with it: the
// gateway and the subgraphs decide what the token may read and do.
import { decodeJwt } from 'jose';
import { viewerFromAccessToken } from '../../auth/access-token.ts';
import { API_AUDIENCE } from '../../auth/demo-realm.ts';

/** The staff roles the workspace has pages for, in the order the home page offers them. */
export const STAFF_ROLES = ['operator', 'officer', 'leader', 'oversight', 'platform-admin'] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];

/** The person's staff roles and unit (officers). */
export interface Staff {
  readonly roles: ReadonlySet<StaffRole>;
  readonly unit: string | undefined;
}

/** Each role's section: its path and its name in the header. */
export const SECTIONS: Readonly<Record<StaffRole, { readonly path: string; readonly label: string; readonly en: string }>> = {
  operator: { path: '/hang-doi', label: 'Hàng đợi 1022', en: 'Queue' },
  officer: { path: '/don-vi', label: 'Bàn xử lý đơn vị', en: 'Unit desk' },
  leader: { path: '/lanh-dao', label: 'Lãnh đạo', en: 'Dashboard' },
  oversight: { path: '/giam-sat', label: 'Giám sát', en: 'Oversight' },
  'platform-admin': { path: '/graphiql', label: 'GraphiQL', en: 'API explorer' },
};

/** The staff roles of an access token (none when it does not decode: the gateway would refuse it anyway). */
export function staffOf(accessToken: string): Staff {
  let viewer;
  try {
    viewer = viewerFromAccessToken(decodeJwt(accessToken), API_AUDIENCE);
  } catch {
    return { roles: new Set(), unit: undefined };
  }
  const roles = new Set(STAFF_ROLES.filter((role) => viewer.roles.includes(role)));
  // An officer without a unit has no desk: the gateway would refuse every unit query.
  if (viewer.unit === undefined) roles.delete('officer');
  return { roles, unit: viewer.unit };
}
