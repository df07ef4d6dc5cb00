import { z } from 'zod';
import { collections } from '../../src/schema';
import { SESSION_COOKIE } from '../auth';
import { reviewSchema } from '../schema';
import type { DocumentName, ResponseSpec, RouteSpec } from './route';

const COMPONENT_NAMES: Record<DocumentName, string> = {
  applications: 'Application',
  bulletins: 'Bulletin',
  referrals: 'Referral',
  responses: 'Response',
  notifications: 'Notification',
  kindergartens: 'Kindergarten',
  groups: 'Group',
  reviews: 'Review',
};

/** A collection's RxDB JSON schema as a plain JSON Schema component (RxDB's own keywords left out). */
function documentSchema(name: DocumentName): Record<string, unknown> {
  const rx = name === 'reviews' ? reviewSchema : collections[name].schema;
  const { properties, required } = rx as { properties: Record<string, unknown>; required: readonly string[] };
  const props = { ...properties };
  // The author's account id is never shown with a review, nor a staff login with a bulletin.
  if (name === 'reviews' || name === 'bulletins') delete props.authorId;
  return {
    type: 'object',
    properties: props,
    required: required.filter((k) => k in props),
    description: `A document of the ${name} collection (src/schema)`,
  };
}

/** The error body every 4xx carries (issue 5). */
const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().meta({ description: 'In the language of Accept-Language (kk/ru/en, default ru)' }),
    field: z.string().optional(),
    params: z.record(z.string(), z.unknown()).optional(),
  }),
});

type JsonSchema = Record<string, unknown>;

function schemaOf(type: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as JsonSchema;
  return schema;
}

/** Query and path parameters from a zod object: one OpenAPI parameter per key. */
function parameters(type: z.ZodType | undefined, where: 'query' | 'path'): JsonSchema[] {
  if (!type) return [];
  const schema = schemaOf(type, 'input');
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: s,
  }));
}

function successResponse(response: ResponseSpec | undefined): Record<string, unknown> {
  if (!response) return { description: 'Success' };
  if (response instanceof z.ZodType) {
    return {
      description: 'Success',
      content: { 'application/json': { schema: schemaOf(response, 'output') } },
    };
  }
  if ('contentType' in response) {
    const types: readonly string[] = Array.isArray(response.contentType)
      ? response.contentType
      : [response.contentType];
    return { description: 'Success', content: Object.fromEntries(types.map((t) => [t, {}])) };
  }
  {
    const ref = { $ref: `#/components/schemas/${COMPONENT_NAMES[response.collection]}` };
    const one = response.extra ? { allOf: [ref, schemaOf(response.extra, 'output')] } : ref;
    const schema = response.array ? { type: 'array', items: one } : one;
    return { description: 'Success', content: { 'application/json': { schema } } };
  }
}

const toOpenApiPath = (path: string) => `/api${path.replace(/:([A-Za-z]+)/g, '{$1}')}`;

/**
 * The OpenAPI 3.1 document of the whole API (the parents' and the supervisors' routes), generated from the same route table (and zod schemas)
 * that validates requests: one source, so the document cannot drift from the code.
 */
export function buildOpenApi(routes: readonly RouteSpec[], info: { version: string; serverUrl?: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const responses: Record<string, unknown> = {};
    const ok = String(r.status ?? 200);
    responses[ok] = successResponse(r.response);
    responses['4XX'] = {
      description: `Refused. Codes: ${[...(r.access === 'supervisor' ? ['invalidJson'] : ['validation', 'malformedJson']), ...(r.errors ?? [])].join(', ')}`,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
    let requestBody: unknown;
    if (r.upload) {
      const fields = r.body ? schemaOf(r.body, 'input') : { type: 'object', properties: {} };
      const props = (fields.properties ?? {}) as Record<string, unknown>;
      requestBody = {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              ...fields,
              properties: {
                ...props,
                [r.upload.field]: {
                  type: 'array',
                  maxItems: r.upload.maxFiles,
                  items: { type: 'string', contentMediaType: r.upload.types.join(', '), format: 'binary' },
                  description: `Up to ${r.upload.maxFiles} file(s), each at most ${r.upload.maxBytes} bytes`,
                },
              },
            },
          },
        },
      };
    } else if (r.body) {
      requestBody = {
        required: true,
        content: { 'application/json': { schema: schemaOf(r.body, 'input') } },
      };
    }
    const path = toOpenApiPath(r.path);
    paths[path] ??= {};
    paths[path][r.method] = {
      operationId: r.operationId,
      tags: [r.tag],
      summary: r.summary,
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(requestBody ? { requestBody } : {}),
      responses,
      ...(r.access === 'public' ? { security: [] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Oryn API',
      version: info.version,
      description:
        'The parents’ journey of the Balabaqsha guide (registration, children, applications, bulletins, referrals, notifications) and, under /api/supervisor, the district supervisors’ dashboards, fairness, audit, catalogue, staff, calendar, settings, exports and live updates.',
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    security: [{ bearer: [] }, { cookie: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
      },
      schemas: {
        Error: schemaOf(errorBody, 'output'),
        ...Object.fromEntries(
          (Object.keys(COMPONENT_NAMES) as DocumentName[]).map((n) => [
            COMPONENT_NAMES[n],
            documentSchema(n),
          ]),
        ),
      },
    },
    paths,
  };
}
