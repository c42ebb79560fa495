/** The only place test helpers read the environment: TEST_LOG_LEVEL=debug shows the app's logs. */
export function testLogLevel(): string {
  return process.env.TEST_LOG_LEVEL ?? "silent";
}
