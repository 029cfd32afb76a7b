import {
  defaultAdapterDirectory,
  nextSteps,
  scaffoldAdapter,
  type AdapterLayout,
} from '@tvox-connector/create-adapter';

/** The action of the command new-adapter (loaded when the command runs). */
export async function runNewAdapter(
  name: string,
  options: { directory?: string; packageName?: string; layout?: string },
): Promise<void> {
  const result = await scaffoldAdapter({
    name,
    directory: options.directory ?? defaultAdapterDirectory(name, process.cwd()),
    ...(options.packageName === undefined ? {} : { packageName: options.packageName }),
    // Checked by scaffoldAdapter, with the other options.
    ...(options.layout === undefined ? {} : { layout: options.layout as AdapterLayout }),
  });
  process.stdout.write(
    [
      `wrote ${result.packageName} (${result.layout}), ${result.files.length} files, to ${result.directory}:`,
      ...result.files.map((file) => `  ${file}`),
      ...nextSteps(result, process.cwd()),
      '',
    ].join('\n'),
  );
}
