export async function main(argv: string[]): Promise<number> {
  console.log('netloom', argv.join(' '));
  return 0;
}
