import type { Step } from "@tend/core";
import { Button, CheckboxField, LongTextField, RadioGroupField, TextField } from "@tend/ui";
import type { ReactNode } from "react";
import { builderIds, kindLabel, uniqueId } from "./builder-model.ts";

type Errors = Record<string, string | undefined>;

const MAX_OPTIONS = { options: 20, items: 30, scales: 6 } as const;
const MIN_OPTIONS = { options: 2, items: 1, scales: 1 } as const;

/** One step in the builder: its fields for its kind, and move up, move down, remove. */
export function StepEditor({
  step,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  step: Step;
  index: number;
  count: number;
  errors: Errors;
  onChange: (step: Step) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const id = (field: string) => builderIds.step(step.id, field);
  const n = index + 1;
  const text = (
    field: string,
    label: string,
    value: string | undefined,
    apply: (v: string) => Step,
    opts: { long?: boolean; hint?: string; max?: number } = {},
  ) => {
    const Field = opts.long ? LongTextField : TextField;
    return (
      <Field
        id={id(field)}
        label={label}
        hint={opts.hint}
        value={value ?? ""}
        maxLength={opts.max}
        error={errors[id(field)]}
        onChange={(e: { target: { value: string } }) => onChange(apply(e.target.value))}
      />
    );
  };

  return (
    <section className="tend-builder-step" aria-labelledby={id("kind")}>
      <div className="tend-builder-step-header">
        <h3 id={id("kind")} tabIndex={-1}>
          Step {n} · {kindLabel(step.kind)}
        </h3>
        <div className="tend-row-actions">
          <Button
            variant="secondary"
            id={id("up")}
            disabled={index === 0}
            onClick={() => onMove(index - 1)}
            aria-label={`Move step ${n} up`}
          >
            ↑ Up
          </Button>
          <Button
            variant="secondary"
            id={id("down")}
            disabled={index === count - 1}
            onClick={() => onMove(index + 1)}
            aria-label={`Move step ${n} down`}
          >
            ↓ Down
          </Button>
          <Button variant="quiet" onClick={onRemove} aria-label={`Remove step ${n}`}>
            Remove
          </Button>
        </div>
      </div>
      {errors[id("kind")] ? <p className="tend-field-error">{errors[id("kind")]}</p> : null}
      <StepFields step={step} text={text} errors={errors} onChange={onChange} />
      {step.kind === "prompt" ? null : (
        <CheckboxField
          id={id("optional")}
          label="Clients may skip this step"
          checked={step.optional}
          onChange={(e) => onChange({ ...step, optional: e.target.checked })}
        />
      )}
    </section>
  );
}

type TextFn = (
  field: string,
  label: string,
  value: string | undefined,
  apply: (v: string) => Step,
  opts?: { long?: boolean; hint?: string; max?: number },
) => ReactNode;

function StepFields({
  step,
  text,
  errors,
  onChange,
}: {
  step: Step;
  text: TextFn;
  errors: Errors;
  onChange: (step: Step) => void;
}) {
  const id = (field: string) => builderIds.step(step.id, field);
  switch (step.kind) {
    case "prompt":
      return (
        <>
          {text("title", "Heading (optional)", step.title, (v) => ({ ...step, title: v }), {
            max: 300,
          })}
          {text("body", "Text to read", step.body, (v) => ({ ...step, body: v }), {
            long: true,
            max: 2000,
          })}
        </>
      );
    case "text":
      return (
        <>
          {text("label", "Question", step.label, (v) => ({ ...step, label: v }), { max: 300 })}
          {text(
            "hint",
            "Hint under the question (optional)",
            step.hint,
            (v) => ({ ...step, hint: v }),
            { max: 2000 },
          )}
          <RadioGroupField
            id={id("size")}
            name={id("size")}
            legend="Room to write"
            value={step.size}
            onChange={(size) => onChange({ ...step, size })}
            options={[
              { value: "long", label: "A paragraph or more" },
              { value: "short", label: "One line" },
            ]}
          />
        </>
      );
    case "bipolar":
      return (
        <>
          {text("label", "Question", step.label, (v) => ({ ...step, label: v }), { max: 300 })}
          <div className="tend-two-col">
            {text(
              "scale-left",
              "Word at 0",
              step.scale.left,
              (v) => ({ ...step, scale: { ...step.scale, left: v } }),
              { max: 40 },
            )}
            {text(
              "scale-right",
              "Word at 10",
              step.scale.right,
              (v) => ({ ...step, scale: { ...step.scale, right: v } }),
              { max: 40 },
            )}
          </div>
        </>
      );
    case "intensity":
      return (
        <>
          {text("label", "Question", step.label, (v) => ({ ...step, label: v }), { max: 300 })}
          <div className="tend-two-col">
            {text("lowLabel", "Words at 0", step.lowLabel, (v) => ({ ...step, lowLabel: v }), {
              max: 40,
            })}
            {text("highLabel", "Words at 10", step.highLabel, (v) => ({ ...step, highLabel: v }), {
              max: 40,
            })}
          </div>
        </>
      );
    case "choice":
      return (
        <>
          {text("label", "Question", step.label, (v) => ({ ...step, label: v }), { max: 300 })}
          <CheckboxField
            id={id("multiple")}
            label="Clients may pick more than one"
            checked={step.multiple}
            onChange={(e) => onChange({ ...step, multiple: e.target.checked })}
          />
          <OptionList
            stepId={step.id}
            list="options"
            noun="Option"
            items={step.options}
            errors={errors}
            onChange={(options) => onChange({ ...step, options })}
          />
        </>
      );
    case "checklist":
      return (
        <>
          {text("label", "Question", step.label, (v) => ({ ...step, label: v }), { max: 300 })}
          <OptionList
            stepId={step.id}
            list="items"
            noun="Item"
            items={step.items}
            errors={errors}
            onChange={(items) => onChange({ ...step, items })}
          />
        </>
      );
    case "timer":
      return (
        <>
          {text("label", "What to do meanwhile", step.label, (v) => ({ ...step, label: v }), {
            max: 300,
          })}
          {text("body", "A few more words (optional)", step.body, (v) => ({ ...step, body: v }), {
            long: true,
            max: 2000,
          })}
          <TextField
            id={id("seconds")}
            type="number"
            inputMode="numeric"
            min={10}
            max={3600}
            label="Length in seconds"
            hint="From 10 to 3600. 120 is two minutes."
            className="tend-number-input"
            value={Number.isFinite(step.seconds) ? step.seconds : ""}
            error={errors[id("seconds")]}
            onChange={(e) => onChange({ ...step, seconds: e.target.valueAsNumber })}
          />
        </>
      );
    case "reframe":
      return (
        <>
          {text(
            "harshLabel",
            "Question for the harsh words",
            step.harshLabel,
            (v) => ({ ...step, harshLabel: v }),
            { max: 300 },
          )}
          {text(
            "kinderLabel",
            "Question for the kinder version",
            step.kinderLabel,
            (v) => ({ ...step, kinderLabel: v }),
            { max: 300 },
          )}
          {text("hint", "Hint (optional)", step.hint, (v) => ({ ...step, hint: v }), { max: 2000 })}
          <fieldset className="tend-fieldset">
            <legend className="tend-label">Scales both versions are rated on</legend>
            <p className="tend-hint">Each runs from 0 to 10 between two words.</p>
            <ul className="tend-builder-sublist">
              {step.scales.map((scale, i) => (
                <li key={scale.id} className="tend-builder-subrow">
                  <TextField
                    id={builderIds.sub(step.id, "scales", scale.id, "left")}
                    label={`Scale ${i + 1}: word at 0`}
                    value={scale.left}
                    maxLength={40}
                    error={errors[builderIds.sub(step.id, "scales", scale.id, "left")]}
                    onChange={(e) =>
                      onChange({
                        ...step,
                        scales: step.scales.map((s) =>
                          s.id === scale.id ? { ...s, left: e.target.value } : s,
                        ),
                      })
                    }
                  />
                  <TextField
                    id={builderIds.sub(step.id, "scales", scale.id, "right")}
                    label={`Scale ${i + 1}: word at 10`}
                    value={scale.right}
                    maxLength={40}
                    error={errors[builderIds.sub(step.id, "scales", scale.id, "right")]}
                    onChange={(e) =>
                      onChange({
                        ...step,
                        scales: step.scales.map((s) =>
                          s.id === scale.id ? { ...s, right: e.target.value } : s,
                        ),
                      })
                    }
                  />
                  {step.scales.length > MIN_OPTIONS.scales ? (
                    <Button
                      variant="quiet"
                      aria-label={`Remove scale ${i + 1}`}
                      onClick={() =>
                        onChange({ ...step, scales: step.scales.filter((s) => s.id !== scale.id) })
                      }
                    >
                      Remove
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
            {step.scales.length < MAX_OPTIONS.scales ? (
              <div>
                <Button
                  variant="secondary"
                  id={id("scales-add")}
                  onClick={() =>
                    onChange({
                      ...step,
                      scales: [
                        ...step.scales,
                        {
                          id: uniqueId(
                            "scale",
                            step.scales.map((s) => s.id),
                          ),
                          left: "",
                          right: "",
                        },
                      ],
                    })
                  }
                >
                  Add a scale
                </Button>
              </div>
            ) : null}
          </fieldset>
        </>
      );
  }
}

function OptionList({
  stepId,
  list,
  noun,
  items,
  errors,
  onChange,
}: {
  stepId: string;
  list: "options" | "items";
  noun: string;
  items: Array<{ id: string; label: string }>;
  errors: Errors;
  onChange: (items: Array<{ id: string; label: string }>) => void;
}) {
  const prefix = list === "options" ? "option" : "item";
  return (
    <fieldset className="tend-fieldset">
      <legend className="tend-label">{noun}s</legend>
      <ul className="tend-builder-sublist">
        {items.map((item, i) => {
          const fieldId = builderIds.sub(stepId, list, item.id, "label");
          return (
            <li key={item.id} className="tend-builder-subrow">
              <TextField
                id={fieldId}
                label={`${noun} ${i + 1}`}
                value={item.label}
                maxLength={300}
                error={errors[fieldId]}
                onChange={(e) =>
                  onChange(
                    items.map((o) => (o.id === item.id ? { ...o, label: e.target.value } : o)),
                  )
                }
              />
              {items.length > MIN_OPTIONS[list] ? (
                <Button
                  variant="quiet"
                  aria-label={`Remove ${noun.toLowerCase()} ${i + 1}`}
                  onClick={() => onChange(items.filter((o) => o.id !== item.id))}
                >
                  Remove
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {items.length < MAX_OPTIONS[list] ? (
        <div>
          <Button
            variant="secondary"
            id={builderIds.step(stepId, `${list}-add`)}
            onClick={() =>
              onChange([
                ...items,
                {
                  id: uniqueId(
                    prefix,
                    items.map((o) => o.id),
                  ),
                  label: "",
                },
              ])
            }
          >
            Add {noun.toLowerCase()}
          </Button>
        </div>
      ) : null}
    </fieldset>
  );
}
