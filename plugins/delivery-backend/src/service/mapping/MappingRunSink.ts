import {
  PipelineRunRecord,
  PipelineRunSink,
} from '@slipway/plugin-delivery-node';
import { EntityRunMapper } from './EntityRunMapper';

/**
 * The sink providers write into: fills in each run's entity from the mapper (unless the provider
 * already knows it) before storing.
 */
export class MappingRunSink implements PipelineRunSink {
  constructor(
    private readonly target: PipelineRunSink,
    private readonly mapper: EntityRunMapper,
  ) {}

  async upsertRuns(runs: PipelineRunRecord[]): Promise<void> {
    await this.target.upsertRuns(
      runs.map(run => ({
        ...run,
        entityRef: run.entityRef ?? this.mapper.resolve(run),
      })),
    );
  }
}
