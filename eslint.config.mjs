// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      'coverage/',
      'build/',
      // Consumer projects, built against our packed tarballs by scripts/check-examples.mjs.
      'examples/',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.eslint.json',
          './packages/simulator/console/tsconfig.json',
          './adapters/webchat/widget/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Symbol tokens and interfaces share one name by design (DI tokens).
      '@typescript-eslint/no-redeclare': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      // fastify plugins and route handlers are async by contract, awaiting or not.
      '@typescript-eslint/require-await': 'off',
      // `const { omitted, ...rest } = record` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/test/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // chai assertions are property accesses (`expect(x).to.be.true`).
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `expect(() => action()).to.throw()` wraps void calls on purpose.
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
  prettier,
);
