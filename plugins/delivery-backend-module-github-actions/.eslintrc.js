module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // The integration tests run this module inside the real delivery backend plugin.
      files: ['src/**/*.integration.test.ts', 'src/module/__testUtils__/**'],
      rules: { '@backstage/no-mixed-plugin-imports': 'off' },
    },
  ],
});
