export declare const TEST_TODAY: string;
export declare const TEST_BACKOFF_SCALE: number;
export declare function ceilingDirectories(dir?: string): string;
export declare function hermeticEnvironment(base: NodeJS.ProcessEnv): {
  env: Record<string, string>;
  cleanup: () => void;
};
export interface HeldPort {
  port: number;
  close(): Promise<void>;
}
export declare function holdRefusingPort(): Promise<HeldPort>;
