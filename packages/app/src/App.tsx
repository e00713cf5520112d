import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import deliveryPlugin from '@slipway/plugin-delivery/alpha';
import { navModule } from './modules/nav';

export default createApp({
  features: [catalogPlugin, deliveryPlugin, navModule],
});
