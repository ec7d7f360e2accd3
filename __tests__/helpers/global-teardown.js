// Removes the run's temporary HOME and lets go of the port held closed for it.
export default async function globalTeardown() {
  await globalThis.__keylintHermetic?.();
}
