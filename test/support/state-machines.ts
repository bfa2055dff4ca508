// The tests' name for local/state-machines.ts, which the bench shares.
export * from '../../local/state-machines';
