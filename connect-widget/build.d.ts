/** Types of build.js for the TypeScript tests that call it. */
export declare const DEFAULT_OUT_DIR: string;
export declare function buildWidget(outDir?: string): Promise<string>;
