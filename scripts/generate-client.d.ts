/** Types of generate-client.js for the TypeScript test that checks the committed client types. */
export declare const SCHEMA_FILE: string;
export declare function schemaSource(doc: unknown): Promise<string>;
