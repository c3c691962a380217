// The test-database harness lives with the embedded server (packages/embedded-mongo/testing).
export * from '@mentorbot/embedded-mongo/testing/db';
