import { CompoundEntityRef } from '@backstage/catalog-model';
import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { isError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import {
  PipelineDefinition,
  StartedRun,
} from '@slipway/plugin-delivery-common';
import { FormEvent, useEffect, useId, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { deliveryApiRef } from '../../api';
import { providerLabel } from '../RunProvider';
import { ParamField } from './ParamField';
import {
  initialValues,
  newIdempotencyKey,
  ParamValues,
  toRequestParams,
  validate,
} from './paramForm';
import { pipelineKey, PipelinePicker } from './PipelinePicker';

/** Props of {@link StartRunDialog}. */
export interface StartRunDialogProps {
  entity: CompoundEntityRef;
  open: boolean;
  onClose: () => void;
  /** Called once a run was started, e.g. to refresh the runs list. */
  onStarted: (run: StartedRun) => void;
  /** Opens a run's details (offered once the started run has a uid). */
  onOpenRun?: (uid: string) => void;
}

/**
 * "Start a run": pick a pipeline the component ran before, fill in the form its definition
 * asks for (read live from the provider), start it. Each form submission carries one
 * `Idempotency-Key`, kept while the form is unchanged, so a retried click starts one run.
 */
export function StartRunDialog(props: StartRunDialogProps) {
  const { entity, open, onClose } = props;
  const titleId = useId();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id={titleId}>Start a run of {entity.name}</DialogTitle>
      {/* mounted while open only: each opening starts from a fresh form */}
      {open && <StartRunForm {...props} titleId={titleId} />}
    </Dialog>
  );
}

/** The form state for the definition it was filled from. */
interface FormState {
  definition: PipelineDefinition;
  values: ParamValues;
  errors: Record<string, string>;
}

function StartRunForm(props: StartRunDialogProps & { titleId: string }) {
  const { entity, onClose, onStarted, onOpenRun, titleId } = props;
  const api = useApi(deliveryApiRef);
  const alertApi = useApi(alertApiRef);
  const formId = useId();
  const pipelines = useAsync(
    () => api.listPipelines(entity),
    [api, entity.kind, entity.namespace, entity.name],
  );
  const [selected, setSelected] = useState<string>();
  const chosen = pipelines.value?.items.find(p => pipelineKey(p) === selected);
  const definition = useAsync(
    async () =>
      chosen
        ? api.getPipelineDefinition(
            entity,
            chosen.provider,
            chosen.pipelineName,
          )
        : undefined,
    [api, selected],
  );
  const [form, setForm] = useState<FormState>();
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState<Error>();
  const [started, setStarted] = useState<StartedRun>();
  // one key per submission of an unchanged form; a change of the form makes a new one
  const idempotencyKey = useRef<string>();
  const submitting = useRef(false);
  const fields = useRef<Record<string, HTMLElement | null>>({});

  // the one pipeline that can start is chosen already
  useEffect(() => {
    const startable = pipelines.value?.items.filter(p => p.canStart) ?? [];
    if (startable.length === 1) setSelected(pipelineKey(startable[0]));
  }, [pipelines.value]);

  useEffect(() => {
    idempotencyKey.current = undefined;
    setSubmitError(undefined);
    setForm(
      definition.value
        ? {
            definition: definition.value,
            values: initialValues(definition.value.params),
            errors: {},
          }
        : undefined,
    );
  }, [definition.value]);

  const current =
    form && form.definition === definition.value ? form : undefined;

  const change = (name: string, value: string) => {
    idempotencyKey.current = undefined;
    setForm(
      f =>
        f && {
          ...f,
          values: { ...f.values, [name]: value },
          errors: { ...f.errors, [name]: '' },
        },
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!current || submitting.current) return;
    const { definition: def, values } = current;
    const errors = validate(def.params, values);
    const invalid = def.params.find(p => errors[p.name]);
    if (invalid) {
      setForm({ ...current, errors });
      fields.current[invalid.name]?.focus();
      return;
    }
    submitting.current = true;
    setBusy(true);
    setSubmitError(undefined);
    idempotencyKey.current ??= newIdempotencyKey();
    try {
      const run = await api.startRun(
        entity,
        {
          provider: def.provider,
          pipelineName: def.pipelineName,
          params: toRequestParams(def.params, values),
        },
        idempotencyKey.current,
      );
      setStarted(run);
      alertApi.post({
        message: `Started run ${run.name} of ${def.pipelineName}`,
        severity: 'success',
        display: 'transient',
      });
      onStarted(run);
    } catch (error) {
      setSubmitError(isError(error) ? error : new Error(String(error)));
    } finally {
      submitting.current = false;
      setBusy(false);
    }
  };

  if (started) {
    return (
      <StartedView
        run={started}
        pipelineName={current?.definition.pipelineName ?? chosen?.pipelineName}
        onClose={onClose}
        onOpenRun={onOpenRun}
      />
    );
  }

  const items = pipelines.value?.items ?? [];
  return (
    <form id={formId} onSubmit={submit} noValidate aria-labelledby={titleId}>
      <DialogContent>
        {pipelines.loading && <Progress aria-label="Loading pipelines" />}
        {pipelines.error && <ResponseErrorPanel error={pipelines.error} />}
        {pipelines.value && items.length === 0 && <NoPipelines />}
        {items.length > 0 && (
          <PipelinePicker
            pipelines={items}
            value={selected}
            onChange={setSelected}
            disabled={busy}
          />
        )}
        {definition.loading && (
          <Progress aria-label="Loading the pipeline's params" />
        )}
        {definition.error && <ResponseErrorPanel error={definition.error} />}
        {current && (
          <Box
            mt={1}
            aria-label={`params of ${current.definition.pipelineName}`}
            role="group"
          >
            {current.definition.description && (
              <DialogContentText>
                {current.definition.description}
              </DialogContentText>
            )}
            {current.definition.params.length === 0 && (
              <DialogContentText>
                This pipeline takes no params.
              </DialogContentText>
            )}
            {current.definition.params.map(param => (
              <ParamField
                key={param.name}
                id={`${formId}-${param.name}`}
                param={param}
                value={current.values[param.name] ?? ''}
                error={current.errors[param.name] || undefined}
                onChange={value => change(param.name, value)}
                inputRef={el => {
                  fields.current[param.name] = el;
                }}
                disabled={busy}
              />
            ))}
            <Typography variant="caption" color="textSecondary" component="p">
              The new run starts where the pipeline last ran for this component
              (same cluster, namespace, workspaces and branch).
            </Typography>
          </Box>
        )}
        {submitError && (
          <Box mt={2}>
            <ResponseErrorPanel
              error={submitError}
              title={`Could not start the run: ${submitError.message}`}
            />
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          type="submit"
          color="primary"
          variant="contained"
          disabled={!current || busy}
        >
          {busy ? 'Starting…' : 'Start'}
        </Button>
      </DialogActions>
    </form>
  );
}

/** Why there is nothing to start, and what makes a pipeline appear. */
function NoPipelines() {
  return (
    <>
      <Typography variant="subtitle1" component="p" gutterBottom>
        Start a run needs a pipeline this component has run before
      </Typography>
      <DialogContentText>
        Slipway starts a pipeline where it last ran for this component. Once a
        provider reports a run of it — a Tekton PipelineRun labelled with the
        component's backstage.io/kubernetes-id, or a GitHub Actions run of the
        repository in github.com/project-slug — it can be started from here.
        Start it once from your CI (e.g. a push or a TriggerTemplate) first.
      </DialogContentText>
    </>
  );
}

/** The run a submission started, with a link to it; focus moves to Close. */
function StartedView(props: {
  run: StartedRun;
  pipelineName?: string;
  onClose: () => void;
  onOpenRun?: (uid: string) => void;
}) {
  const { run, pipelineName, onClose, onOpenRun } = props;
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
  }, []);
  return (
    <>
      <DialogContent>
        <DialogContentText role="status">
          Started run <strong>{run.name}</strong>
          {pipelineName ? ` of ${pipelineName}` : ''}.
        </DialogContentText>
        {run.url && (
          <Link to={run.url}>
            Open {run.name} in {providerLabel(run.provider)}
          </Link>
        )}
      </DialogContent>
      <DialogActions>
        {run.uid && onOpenRun && (
          <Button color="primary" onClick={() => onOpenRun(run.uid!)}>
            Show run
          </Button>
        )}
        <Button ref={closeRef} onClick={onClose} variant="contained">
          Close
        </Button>
      </DialogActions>
    </>
  );
}
