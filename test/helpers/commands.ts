// Wire-conversation helpers live with the embedded server (packages/embedded-mongo/testing).
export * from '@mentorbot/embedded-mongo/testing/commands';
