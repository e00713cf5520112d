module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // The integration tests run this module inside the real delivery backend plugin.
      files: ['src/**/*.integration.test.ts', 'src/module/__testUtils__/**'],
      rules: { '@backstage/no-mixed-plugin-imports': 'off' },
    },
    {
      // Benchmarks measure this module together with the delivery backend's store.
      files: ['bench/**'],
      rules: {
        '@backstage/no-relative-monorepo-imports': 'off',
        '@backstage/no-mixed-plugin-imports': 'off',
      },
    },
  ],
});
