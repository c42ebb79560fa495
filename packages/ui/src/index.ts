export { AppShell, type NavItem } from "./app-shell.tsx";
export { Button, type ButtonProps } from "./button.tsx";
export { Card } from "./card.tsx";
export { CheckboxField, type CheckboxFieldProps } from "./checkbox-field.tsx";
export { ConfirmDialog } from "./confirm-dialog.tsx";
export { CopyField } from "./copy-field.tsx";
export { Dialog } from "./dialog.tsx";
export { EntryAnswers } from "./entry-answers.tsx";
export { FocusShell } from "./focus-shell.tsx";
export { type FieldProblem, FormError } from "./form-error.tsx";
export { LongTextField, type LongTextFieldProps } from "./long-text-field.tsx";
export { PageHeader } from "./page-header.tsx";
export { PasswordField, type PasswordFieldProps } from "./password-field.tsx";
export {
  type PracticeScreen,
  PracticeStep,
  practiceScreens,
  reframeAnswerOf,
  scaleQuestion,
} from "./practice-step.tsx";
export { formatClock, PracticeTimer } from "./practice-timer.tsx";
export { RadioGroupField, type RadioOption } from "./radio-group-field.tsx";
export { RatingDisplay, RatingScale } from "./rating-scale.tsx";
export {
  MAX_TIMES,
  type ScheduleDraft,
  SchedulePicker,
  type ScheduleProblems,
  scheduleFieldIds,
  WEEKDAYS,
} from "./schedule-picker.tsx";
export { SelectField, type SelectFieldProps, type SelectOption } from "./select-field.tsx";
export { EmptyState, ErrorNotice, Loading, Notice } from "./status.tsx";
export { StepFlow } from "./step-flow.tsx";
export { SwitchField } from "./switch-field.tsx";
export { type TabItem, Tabs } from "./tabs.tsx";
export { TextField, type TextFieldProps } from "./text-field.tsx";
