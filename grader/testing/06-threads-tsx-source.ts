/**
 * Run by `sourceUnderTsx()` (`06-threads.ts`) in a child process under tsx (`node --import
 * tsx`), as `npm run example` and `npm start` run code: it prints, as JSON, the source text of
 * a function as tsx's transform leaves it. tsx (esbuild with `keepNames`) inserts calls to its
 * `__name` helper into the source of functions and classes declared inside a function, which a
 * worker must define to run it.
 */

function describeSquare(n: number): string {
  function square(x: number): number {
    return x * x;
  }
  class Box {
    value = square(n);
  }
  return `${Box.name} ${square.name} ${new Box().value}`;
}

process.stdout.write(JSON.stringify(describeSquare.toString()));
