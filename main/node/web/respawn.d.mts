// Types of respawn.mjs (plain JavaScript, loaded by bin/netloom before tsx), for the TypeScript tests.
export declare const SERVE_CHILD: string;
export declare const TRAIN_CHILD: string;
export declare const GC_FLAG: string;
export interface RespawnPlan {
  env: Record<string, string>;
  flags: string[];
}
export declare function respawnPlan(
  argv?: string[],
  env?: Record<string, string | undefined>,
  execArgv?: string[],
  platform?: string,
  cores?: number,
): RespawnPlan | null;
export declare function respawn(plan: RespawnPlan, env?: Record<string, string | undefined>): Promise<number>;
