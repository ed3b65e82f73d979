import type { MessageKey } from '../i18n';

/**
 * Guided exercises for the break page and the prompts (pure data). Each has an original line
 * illustration in `assets/exercises/<id>.svg`, a title and steps in both locales
 * (`wellbeing.exercises.<id>…`), and a timer per step. Gentle, seated unless marked standing,
 * and never to the point of pain (the break page says so).
 */

/** Body areas, in the order the break page groups them. */
export const BODY_AREAS = [
  'neck',
  'shoulders',
  'wrists',
  'fingers',
  'back',
  'legs',
  'eyes',
  'breathing',
  'voice',
] as const;
export type BodyArea = (typeof BODY_AREAS)[number];

/** One step: what to do (an i18n key) and for how long. */
export interface ExerciseStep {
  key: MessageKey;
  seconds: number;
}

/** One exercise. */
export interface Exercise {
  id: ExerciseId;
  area: BodyArea;
  titleKey: MessageKey;
  /** Stand up for it (the break page lists seated ones first during a short pause). */
  standing: boolean;
  steps: readonly ExerciseStep[];
}

const s = (key: MessageKey, seconds: number): ExerciseStep => ({ key, seconds });

/** Paced breathing: in for 4 s, out for 6 s, six times — one minute at six breaths a minute. */
export const PACED_BREATHING = { inSeconds: 4, outSeconds: 6, breaths: 6 } as const;

const breathingSteps: ExerciseStep[] = Array.from({ length: PACED_BREATHING.breaths }, () => [
  s('wellbeing.exercises.pacedBreathing.steps.in', PACED_BREATHING.inSeconds),
  s('wellbeing.exercises.pacedBreathing.steps.out', PACED_BREATHING.outSeconds),
]).flat();

/** Ids of the exercises (file names of their illustrations). */
export const EXERCISE_IDS = [
  'neckTilt',
  'neckTurn',
  'chinTuck',
  'shoulderRoll',
  'shoulderSqueeze',
  'wristStretch',
  'wristCircles',
  'fingerSpread',
  'seatedTwist',
  'backExtension',
  'calfRaise',
  'farFocus',
  'palming',
  'pacedBreathing',
  'jawRelease',
  'lipTrill',
] as const;
export type ExerciseId = (typeof EXERCISE_IDS)[number];

/** The exercise catalogue. */
export const EXERCISES: Record<ExerciseId, Exercise> = {
  neckTilt: {
    id: 'neckTilt',
    area: 'neck',
    titleKey: 'wellbeing.exercises.neckTilt.title',
    standing: false,
    steps: [
      s('wellbeing.exercises.neckTilt.steps.sitTall', 5),
      s('wellbeing.exercises.neckTilt.steps.right', 15),
      s('wellbeing.exercises.neckTilt.steps.centre', 5),
      s('wellbeing.exercises.neckTilt.steps.left', 15),
    ],
  },
  neckTurn: {
    id: 'neckTurn',
    area: 'neck',
    titleKey: 'wellbeing.exercises.neckTurn.title',
    standing: false,
    steps: [
      s('wellbeing.exercises.neckTurn.steps.right', 10),
      s('wellbeing.exercises.neckTurn.steps.centre', 5),
      s('wellbeing.exercises.neckTurn.steps.left', 10),
      s('wellbeing.exercises.neckTurn.steps.centre', 5),
    ],
  },
  chinTuck: {
    id: 'chinTuck',
    area: 'neck',
    titleKey: 'wellbeing.exercises.chinTuck.title',
    standing: false,
    steps: [
      s('wellbeing.exercises.chinTuck.steps.tuck', 5),
      s('wellbeing.exercises.chinTuck.steps.release', 5),
      s('wellbeing.exercises.chinTuck.steps.tuck', 5),
      s('wellbeing.exercises.chinTuck.steps.release', 5),
      s('wellbeing.exercises.chinTuck.steps.tuck', 5),
      s('wellbeing.exercises.chinTuck.steps.release', 5),
    ],
  },
  shoulderRoll: {
    id: 'shoulderRoll',
    area: 'shoulders',
    titleKey: 'wellbeing.exercises.shoulderRoll.title',
    standing: false,
    steps: [
      s('wellbeing.exercises.shoulderRoll.steps.back', 20),
      s('wellbeing.exercises.shoulderRoll.steps.forward', 20),
      s('wellbeing.exercises.shoulderRoll.steps.drop', 5),
    ],
  },
  shoulderSqueeze: {
    id: 'shoulderSqueeze',
    area: 'shoulders',
    titleKey: 'wellbeing.exercises.shoulderSqueeze.title',
    standing: false,
    steps: [
      s('wellbeing.exercises.shoulderSqueeze.steps.squeeze', 5),
      s('wellbeing.exercises.shoulderSqueeze.steps.release', 5),
      s('wellbeing.exercises.shoulderSqueeze.steps.squeeze', 5),
      s('wellbeing.exercises.shoulderSqueeze.steps.release', 5),
      s('wellbeing.exercises.shoulderSqueeze.steps.squeeze', 5),
      s('wellbeing.exercises.shoulderSqueeze.steps.release', 5),
    ],
  },
  wristStretch: {
    id: 'wristStretch',
    area: 'wrists',
    titleKey: 'wellbeing.exercises.wristStretch.title',
    standing: false,
    steps: [
      s('wellbeing.exercises.wristStretch.steps.right', 15),
      s('wellbeing.exercises.wristStretch.steps.left', 15),
      s('wellbeing.exercises.wristStretch.steps.shake', 5),
    ],
  },
  wristCircles: {
    id: 'wristCircles',
    area: 'wrists',
    titleKey: 'wellbeing.exercises.wristCircles.title',
    standing: false,
    steps: [s('wellbeing.exercises.wristCircles.steps.out', 15), s('wellbeing.exercises.wristCircles.steps.in', 15)],
  },
  fingerSpread: {
    id: 'fingerSpread',
    area: 'fingers',
    titleKey: 'wellbeing.exercises.fingerSpread.title',
    standing: false,
    steps: [
      s('wellbeing.exercises.fingerSpread.steps.fist', 5),
      s('wellbeing.exercises.fingerSpread.steps.spread', 5),
      s('wellbeing.exercises.fingerSpread.steps.fist', 5),
      s('wellbeing.exercises.fingerSpread.steps.spread', 5),
      s('wellbeing.exercises.fingerSpread.steps.thumbs', 15),
    ],
  },
  seatedTwist: {
    id: 'seatedTwist',
    area: 'back',
    titleKey: 'wellbeing.exercises.seatedTwist.title',
    standing: false,
    steps: [
      s('wellbeing.exercises.seatedTwist.steps.sitTall', 5),
      s('wellbeing.exercises.seatedTwist.steps.right', 15),
      s('wellbeing.exercises.seatedTwist.steps.centre', 5),
      s('wellbeing.exercises.seatedTwist.steps.left', 15),
    ],
  },
  backExtension: {
    id: 'backExtension',
    area: 'back',
    titleKey: 'wellbeing.exercises.backExtension.title',
    standing: true,
    steps: [
      s('wellbeing.exercises.backExtension.steps.stand', 5),
      s('wellbeing.exercises.backExtension.steps.lean', 10),
      s('wellbeing.exercises.backExtension.steps.return', 5),
      s('wellbeing.exercises.backExtension.steps.lean', 10),
      s('wellbeing.exercises.backExtension.steps.return', 5),
    ],
  },
  calfRaise: {
    id: 'calfRaise',
    area: 'legs',
    titleKey: 'wellbeing.exercises.calfRaise.title',
    standing: true,
    steps: [
      s('wellbeing.exercises.calfRaise.steps.hold', 5),
      s('wellbeing.exercises.calfRaise.steps.raise', 40),
      s('wellbeing.exercises.calfRaise.steps.march', 60),
    ],
  },
  farFocus: {
    id: 'farFocus',
    area: 'eyes',
    titleKey: 'wellbeing.exercises.farFocus.title',
    standing: false,
    steps: [s('wellbeing.exercises.farFocus.steps.look', 20), s('wellbeing.exercises.farFocus.steps.blink', 10)],
  },
  palming: {
    id: 'palming',
    area: 'eyes',
    titleKey: 'wellbeing.exercises.palming.title',
    standing: false,
    steps: [
      s('wellbeing.exercises.palming.steps.warm', 10),
      s('wellbeing.exercises.palming.steps.cover', 30),
      s('wellbeing.exercises.palming.steps.open', 5),
    ],
  },
  pacedBreathing: {
    id: 'pacedBreathing',
    area: 'breathing',
    titleKey: 'wellbeing.exercises.pacedBreathing.title',
    standing: false,
    steps: breathingSteps,
  },
  jawRelease: {
    id: 'jawRelease',
    area: 'voice',
    titleKey: 'wellbeing.exercises.jawRelease.title',
    standing: false,
    steps: [
      s('wellbeing.exercises.jawRelease.steps.loose', 10),
      s('wellbeing.exercises.jawRelease.steps.massage', 20),
      s('wellbeing.exercises.jawRelease.steps.yawn', 10),
    ],
  },
  lipTrill: {
    id: 'lipTrill',
    area: 'voice',
    titleKey: 'wellbeing.exercises.lipTrill.title',
    standing: false,
    steps: [
      s('wellbeing.exercises.lipTrill.steps.sip', 10),
      s('wellbeing.exercises.lipTrill.steps.trill', 15),
      s('wellbeing.exercises.lipTrill.steps.glide', 15),
      s('wellbeing.exercises.lipTrill.steps.hum', 15),
    ],
  },
};

/** Total length of an exercise in seconds. */
export function exerciseSeconds(e: Exercise): number {
  return e.steps.reduce((n, st) => n + st.seconds, 0);
}

/** Where the step timer is at `elapsedMs` into an exercise: the step index and seconds left in it; null once done. */
export function stepAt(e: Exercise, elapsedMs: number): { index: number; secondsLeft: number } | null {
  let t = Math.max(0, elapsedMs) / 1000;
  for (let i = 0; i < e.steps.length; i++) {
    const len = e.steps[i]!.seconds;
    if (t < len) return { index: i, secondsLeft: Math.ceil(len - t) };
    t -= len;
  }
  return null;
}

/**
 * Exercises that fit in `seconds` (e.g. the time left in a break), grouped by body area in
 * {@link BODY_AREAS} order; standing ones only when `standing` is allowed.
 */
export function exercisesFor(seconds: number, options: { standing?: boolean } = {}): Exercise[] {
  return EXERCISE_IDS.map((id) => EXERCISES[id])
    .filter((e) => exerciseSeconds(e) <= seconds && (options.standing !== false || !e.standing))
    .sort((a, b) => BODY_AREAS.indexOf(a.area) - BODY_AREAS.indexOf(b.area));
}
