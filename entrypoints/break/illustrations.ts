import type { ExerciseId } from '@/utils/wellbeing/exercises';

// Every exercise's line drawing (assets/exercises/<id>.svg), as a URL of the built file.
const files = import.meta.glob<string>('../../assets/exercises/*.svg', {
  eager: true,
  query: '?url',
  import: 'default',
});

/** The illustration of an exercise (its URL), or undefined when the file is missing. */
export function illustration(id: ExerciseId): string | undefined {
  return files[`../../assets/exercises/${id}.svg`];
}
