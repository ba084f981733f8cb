/** The sources of the ES/VO figures, as a reader finds them. */
export const HAVTORN_2018 = 'Havtorn 2018, "Variational Optimization of Neural Networks", master\'s thesis presentation, DTU Compute';
export const HUSZAR_2017 = 'Huszár 2017, "Evolution Strategies, Variational Optimisation and Natural ES", inference.vc';
export const RANDOM_ES_ARTICLE = '"Random Evolutionary Strategies in Machine Learning" (habr), after ' + HUSZAR_2017;
