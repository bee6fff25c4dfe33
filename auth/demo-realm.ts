// The demo realm: accounts, clients and roles that the embedded identity provider serves and the
// subgraph seeds refer to (by subject). Shaped like a Keycloak realm export so the same names work
// against a real realm (see auth/keycloak/ and the README).

/**
 * VNeID identification level (mức định danh): 1 self-registered, 2 identity verified in person.
 * The `acr` claim carries the level of the sign-in, not of the account: a realm-local password
 * login is "1" for everyone; signing in through the VNeID broker gives the account's level.
 */
export type VneidLevel = 1 | 2;

/** A demo person who can log in to the embedded identity provider. */
export interface DemoAccount {
  /** Stable subject (Keycloak user id); subgraph seeds key citizen records by it. */
  readonly sub: string;
  readonly username: string;
  /** Development-only password. */
  readonly password: string;
  readonly name: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly email: string;
  /** Citizen ID number (CCCD). Only the identity provider holds it; never passed to subgraphs. */
  readonly cccd: string;
  readonly phone: string;
  /** The account's verified VNeID level: what a VNeID sign-in can reach (`acr`). */
  readonly level: VneidLevel;
  /** Realm roles (`realm_access.roles`). */
  readonly roles: readonly string[];
  /** Unit code for officers (a custom `unit` claim, mapped from a user attribute in Keycloak). */
  readonly unit?: string;
}

/** An OIDC client of the realm. */
export interface DemoClient {
  readonly clientId: string;
  /** Absent for public clients (PKCE only). */
  readonly clientSecret?: string;
  readonly grantTypes: readonly ('authorization_code' | 'refresh_token' | 'client_credentials')[];
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
  /** Scopes the client may ask for. */
  readonly scopes: readonly string[];
  /** Client roles granted to a client_credentials token (`resource_access.<clientId>.roles`). */
  readonly serviceAccountRoles?: readonly string[];
  /** OIDC back-channel logout URL: the realm POSTs a signed `logout_token` here when the session ends. */
  readonly backchannelLogoutUri?: string;
  /**
   * An agency's one-stop system: the agency codes its service account may write dossiers of (the
   * `agency_codes` claim of its client_credentials tokens; a hardcoded claim mapper in Keycloak).
   */
  readonly serviceAccountAgencyCodes?: readonly string[];
}

/** Realm name; the issuer is `<base>/realms/<realm>`, as in Keycloak. */
export const DEMO_REALM = 'lien-thong';

/** Audience of access tokens for the gateway (a Keycloak audience mapper adds it). */
export const API_AUDIENCE = 'lien-thong-api';

/** Scopes the API understands, beyond the OIDC ones. */
export const API_SCOPES = ['feedback:read', 'feedback:write', 'dossier:read', 'planning:read', 'notification:read'] as const;

/** Scopes only agencies' systems get (service accounts of agency clients), never a person or a portal. */
export const AGENCY_SCOPES = ['dossier:write'] as const;

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    sub: '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e501',
    username: 'an.nguyen',
    password: 'demo',
    name: 'Nguyễn Văn An',
    givenName: 'An',
    familyName: 'Nguyễn Văn',
    email: 'an.nguyen@example.vn',
    cccd: '079201001234',
    phone: '0901234567',
    level: 2,
    roles: ['citizen'],
  },
  {
    sub: '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e502',
    username: 'binh.tran',
    password: 'demo',
    name: 'Trần Thị Bình',
    givenName: 'Bình',
    familyName: 'Trần Thị',
    email: 'binh.tran@example.vn',
    cccd: '079302005678',
    phone: '0912345678',
    level: 1,
    roles: ['citizen'],
  },
  {
    sub: '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e503',
    username: 'cuong.le',
    password: 'demo',
    name: 'Lê Văn Cường',
    givenName: 'Cường',
    familyName: 'Lê Văn',
    email: 'cuong.le@example.vn',
    cccd: '087199009876',
    phone: '0987654321',
    level: 2,
    roles: ['citizen'],
  },
  {
    sub: '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e510',
    username: 'dung.pham',
    password: 'demo',
    name: 'Phạm Thị Dung',
    givenName: 'Dung',
    familyName: 'Phạm Thị',
    email: 'dung.pham@benthanh.hochiminhcity.gov.vn',
    cccd: '079185004321',
    phone: '0938000111',
    level: 2,
    roles: ['officer'],
    unit: 'UBND-P-BEN-THANH',
  },
  {
    sub: '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e520',
    username: 'em.vo',
    password: 'demo',
    name: 'Võ Văn Em',
    givenName: 'Em',
    familyName: 'Võ Văn',
    email: 'em.vo@tphcm.gov.vn',
    cccd: '079170002468',
    phone: '0903999888',
    level: 2,
    roles: ['leader'],
  },
  {
    // A 1022 operator (tổng đài viên): classifies, routes and may refuse items.
    sub: '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e530',
    username: 'giang.hoang',
    password: 'demo',
    name: 'Hoàng Thị Giang',
    givenName: 'Giang',
    familyName: 'Hoàng Thị',
    email: 'giang.hoang@1022.hochiminhcity.gov.vn',
    cccd: '079190007777',
    phone: '0908111222',
    level: 2,
    roles: ['operator'],
    unit: 'TT-1022',
  },
  {
    // Keeps the procedure catalogue and the FAQ the 1022 operators answer from (role catalogue-editor).
    sub: '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e540',
    username: 'hanh.do',
    password: 'demo',
    name: 'Đỗ Thị Hạnh',
    givenName: 'Hạnh',
    familyName: 'Đỗ Thị',
    email: 'hanh.do@1022.hochiminhcity.gov.vn',
    cccd: '079188005555',
    phone: '0908333444',
    level: 2,
    roles: ['catalogue-editor'],
    unit: 'TT-1022',
  },
  {
    // The city's communications office (phòng truyền thông): drafts and publishes official notices.
    sub: '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e541',
    username: 'hoa.dang',
    password: 'demo',
    name: 'Đặng Thị Hoa',
    givenName: 'Hoa',
    familyName: 'Đặng Thị',
    email: 'hoa.dang@tphcm.gov.vn',
    cccd: '079188003355',
    phone: '0909333444',
    level: 2,
    roles: ['communications'],
  },
  {
    // The hub's platform team: manages the registry of subgraphs (role platform-admin; gateway/registry/).
    sub: '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e550',
    username: 'khoa.bui',
    password: 'demo',
    name: 'Bùi Văn Khoa',
    givenName: 'Khoa',
    familyName: 'Bùi Văn',
    email: 'khoa.bui@lienthong.hochiminhcity.gov.vn',
    cccd: '079187006699',
    phone: '0908555666',
    level: 2,
    roles: ['platform-admin'],
  },
  {
    // The Fatherland Front's oversight (giám sát): reads the workspace with personal data removed.
    sub: '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e560',
    username: 'lan.mai',
    password: 'demo',
    name: 'Mai Thị Lan',
    givenName: 'Lan',
    familyName: 'Mai Thị',
    email: 'lan.mai@mttq.hochiminhcity.gov.vn',
    cccd: '079186004411',
    phone: '0908777888',
    level: 2,
    roles: ['oversight'],
  },
];

export const DEMO_CLIENTS: readonly DemoClient[] = [
  {
    clientId: 'portal-1022',
    grantTypes: ['authorization_code', 'refresh_token'],
    redirectUris: ['http://127.0.0.1:4010/auth/callback', 'http://localhost:4010/auth/callback'],
    postLogoutRedirectUris: ['http://127.0.0.1:4010/', 'http://localhost:4010/'],
    scopes: ['openid', 'profile', 'email', 'offline_access', ...API_SCOPES],
    backchannelLogoutUri: 'http://127.0.0.1:4010/auth/backchannel-logout',
  },
  {
    clientId: 'portal-dichvucong',
    grantTypes: ['authorization_code', 'refresh_token'],
    redirectUris: ['http://127.0.0.1:4020/auth/callback', 'http://localhost:4020/auth/callback'],
    postLogoutRedirectUris: ['http://127.0.0.1:4020/', 'http://localhost:4020/'],
    scopes: ['openid', 'profile', 'email', 'offline_access', ...API_SCOPES],
    backchannelLogoutUri: 'http://127.0.0.1:4020/auth/backchannel-logout',
  },
  {
    // The staff workspace (web/workspace): operators, unit officers, leaders, oversight, platform admins.
    clientId: 'workspace',
    grantTypes: ['authorization_code', 'refresh_token'],
    redirectUris: ['http://127.0.0.1:4030/auth/callback', 'http://localhost:4030/auth/callback'],
    postLogoutRedirectUris: ['http://127.0.0.1:4030/', 'http://localhost:4030/'],
    scopes: ['openid', 'profile', 'email', 'offline_access', ...API_SCOPES],
    backchannelLogoutUri: 'http://127.0.0.1:4030/auth/backchannel-logout',
  },
  {
    // GraphiQL and command-line tools during development.
    clientId: 'lien-thong-dev',
    grantTypes: ['authorization_code', 'refresh_token'],
    redirectUris: ['http://127.0.0.1:4000/graphiql/callback', 'http://localhost:4000/graphiql/callback', 'http://127.0.0.1/callback'],
    postLogoutRedirectUris: [],
    scopes: ['openid', 'profile', ...API_SCOPES],
  },
  {
    // The city app (Công dân số) backend calling the API as itself.
    clientId: 'city-app',
    clientSecret: 'city-app-demo-secret',
    grantTypes: ['client_credentials'],
    redirectUris: [],
    postLogoutRedirectUris: [],
    scopes: ['dossier:read', 'planning:read', 'feedback:read'],
    serviceAccountRoles: ['partner'],
  },
  {
    // The one-stop system (hệ thống một cửa) of Sở Tư pháp TP.HCM feeding its dossiers to the hub.
    clientId: 'agency-hcm-stp',
    clientSecret: 'agency-hcm-stp-demo-secret',
    grantTypes: ['client_credentials'],
    redirectUris: [],
    postLogoutRedirectUris: [],
    scopes: ['dossier:write'],
    serviceAccountRoles: ['agency'],
    serviceAccountAgencyCodes: ['000.00.12.H29'],
  },
];

/** Find a demo account by username. */
export function findDemoAccountByUsername(username: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((account) => account.username === username);
}

/** Find a demo account by subject. */
export function findDemoAccountBySub(sub: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((account) => account.sub === sub);
}
