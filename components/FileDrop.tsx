import { useRef, useState, type ReactNode } from 'react';

/** A file as read by {@link FileDrop}: its name as the person sees it, and its text. */
export interface PickedFile {
  name: string;
  text: string;
}

/**
 * A drop zone with a button that opens the file picker: files dropped on the zone or picked are
 * read as text and handed to `onFiles` together. `testId` names the hooks (`<testId>`, the zone;
 * `<testId>-button`; `<testId>-input`, the hidden file input tests fill).
 */
export function FileDrop({
  label,
  hint,
  accept,
  multiple,
  disabled,
  onFiles,
  onReading,
  testId,
  children,
}: {
  label: string;
  hint: string;
  accept: string;
  multiple: boolean;
  disabled?: boolean;
  onFiles: (files: PickedFile[]) => void;
  /** Called with the number of files read so far and in all, while reading. */
  onReading?: (done: number, total: number) => void;
  testId: string;
  children?: ReactNode;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  async function read(files: File[]) {
    if (files.length === 0 || disabled) return;
    const out: PickedFile[] = [];
    for (const [n, f] of files.entries()) {
      out.push({ name: f.name, text: await f.text() });
      onReading?.(n + 1, files.length);
    }
    onFiles(out);
  }

  return (
    <div
      className={over ? 'sm-drop over' : 'sm-drop'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void read([...e.dataTransfer.files]);
      }}
      data-testid={testId}
    >
      <button type="button" disabled={disabled} onClick={() => input.current?.click()} data-testid={`${testId}-button`}>
        {label}
      </button>
      <span className="sm-muted">{hint}</span>
      <input
        ref={input}
        type="file"
        hidden
        multiple={multiple}
        accept={accept}
        aria-label={label}
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          void read(files);
        }}
        data-testid={`${testId}-input`}
      />
      {children}
    </div>
  );
}
