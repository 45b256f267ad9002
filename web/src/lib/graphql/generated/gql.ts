/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ResourceFields on Resource {\n    __typename\n    id\n    type\n    name\n    status\n    source\n    parentId\n    cpu\n    memory {\n      usedBytes\n      totalBytes\n      fraction\n    }\n    disk {\n      usedBytes\n      totalBytes\n      fraction\n    }\n    uptimeSeconds\n    tags\n    lastSeenAt\n    ... on Node {\n      cpuCount\n    }\n    ... on VirtualMachine {\n      vmid\n      node\n      cpuCount\n      template\n    }\n    ... on Container {\n      vmid\n      node\n      cpuCount\n      template\n    }\n    ... on Storage {\n      storageType\n      shared\n    }\n  }\n": typeof types.ResourceFieldsFragmentDoc,
    "\n  query ResourcesSnapshot {\n    resourcesVersion\n    resources {\n      ...ResourceFields\n    }\n  }\n": typeof types.ResourcesSnapshotDocument,
    "\n  subscription ResourcesChanged {\n    resourcesChanged {\n      version\n      added {\n        ...ResourceFields\n      }\n      updated {\n        changedFields\n        resource {\n          ...ResourceFields\n        }\n      }\n      removed\n    }\n  }\n": typeof types.ResourcesChangedDocument,
    "\n  query ShellInfo {\n    version {\n      version\n      build\n      channel\n      isDevelopment\n    }\n    systemSettings {\n      displayName\n    }\n  }\n": typeof types.ShellInfoDocument,
};
const documents: Documents = {
    "\n  fragment ResourceFields on Resource {\n    __typename\n    id\n    type\n    name\n    status\n    source\n    parentId\n    cpu\n    memory {\n      usedBytes\n      totalBytes\n      fraction\n    }\n    disk {\n      usedBytes\n      totalBytes\n      fraction\n    }\n    uptimeSeconds\n    tags\n    lastSeenAt\n    ... on Node {\n      cpuCount\n    }\n    ... on VirtualMachine {\n      vmid\n      node\n      cpuCount\n      template\n    }\n    ... on Container {\n      vmid\n      node\n      cpuCount\n      template\n    }\n    ... on Storage {\n      storageType\n      shared\n    }\n  }\n": types.ResourceFieldsFragmentDoc,
    "\n  query ResourcesSnapshot {\n    resourcesVersion\n    resources {\n      ...ResourceFields\n    }\n  }\n": types.ResourcesSnapshotDocument,
    "\n  subscription ResourcesChanged {\n    resourcesChanged {\n      version\n      added {\n        ...ResourceFields\n      }\n      updated {\n        changedFields\n        resource {\n          ...ResourceFields\n        }\n      }\n      removed\n    }\n  }\n": types.ResourcesChangedDocument,
    "\n  query ShellInfo {\n    version {\n      version\n      build\n      channel\n      isDevelopment\n    }\n    systemSettings {\n      displayName\n    }\n  }\n": types.ShellInfoDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ResourceFields on Resource {\n    __typename\n    id\n    type\n    name\n    status\n    source\n    parentId\n    cpu\n    memory {\n      usedBytes\n      totalBytes\n      fraction\n    }\n    disk {\n      usedBytes\n      totalBytes\n      fraction\n    }\n    uptimeSeconds\n    tags\n    lastSeenAt\n    ... on Node {\n      cpuCount\n    }\n    ... on VirtualMachine {\n      vmid\n      node\n      cpuCount\n      template\n    }\n    ... on Container {\n      vmid\n      node\n      cpuCount\n      template\n    }\n    ... on Storage {\n      storageType\n      shared\n    }\n  }\n"): (typeof documents)["\n  fragment ResourceFields on Resource {\n    __typename\n    id\n    type\n    name\n    status\n    source\n    parentId\n    cpu\n    memory {\n      usedBytes\n      totalBytes\n      fraction\n    }\n    disk {\n      usedBytes\n      totalBytes\n      fraction\n    }\n    uptimeSeconds\n    tags\n    lastSeenAt\n    ... on Node {\n      cpuCount\n    }\n    ... on VirtualMachine {\n      vmid\n      node\n      cpuCount\n      template\n    }\n    ... on Container {\n      vmid\n      node\n      cpuCount\n      template\n    }\n    ... on Storage {\n      storageType\n      shared\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ResourcesSnapshot {\n    resourcesVersion\n    resources {\n      ...ResourceFields\n    }\n  }\n"): (typeof documents)["\n  query ResourcesSnapshot {\n    resourcesVersion\n    resources {\n      ...ResourceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ResourcesChanged {\n    resourcesChanged {\n      version\n      added {\n        ...ResourceFields\n      }\n      updated {\n        changedFields\n        resource {\n          ...ResourceFields\n        }\n      }\n      removed\n    }\n  }\n"): (typeof documents)["\n  subscription ResourcesChanged {\n    resourcesChanged {\n      version\n      added {\n        ...ResourceFields\n      }\n      updated {\n        changedFields\n        resource {\n          ...ResourceFields\n        }\n      }\n      removed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShellInfo {\n    version {\n      version\n      build\n      channel\n      isDevelopment\n    }\n    systemSettings {\n      displayName\n    }\n  }\n"): (typeof documents)["\n  query ShellInfo {\n    version {\n      version\n      build\n      channel\n      isDevelopment\n    }\n    systemSettings {\n      displayName\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;